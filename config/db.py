"""Database helpers shared by the apps."""

from functools import cache

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import signals


def insert_new(*objs) -> None:
    """Insert new model instances, in order, as `obj.save(force_insert=True)` would for
    each, without the ORM's query compiler.

    For the resident's submission, the one request with a latency target: compiling an
    INSERT anew for each of its four rows was a quarter of the request's CPU
    (bench/measures/residents.py). The statement here is built once per model from its
    fields, and the values go through the same field methods save() uses (pre_save for
    auto_now_add and the like, get_db_prep_save for the database's types), so defaults,
    column names and adaptation stay the model's own. A later object may point at an
    earlier one (initiative.initiator = initiator): its key is filled in once the
    earlier one has its id, as save() does.

    Anything this does not cover goes through save() itself: a model with save signal
    receivers, a field whose value is an expression (db_default, F()), or an automatic
    primary key given a value. The rows' generated fields, and db_returning fields other
    than the primary key, are not read back."""
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        for obj in objs:
            model = type(obj)
            # As save(): take the ids of related objects saved just before, refuse unsaved.
            obj._prepare_related_fields_for_save(operation_name="save")
            if _has_save_receivers(model) or (
                model._meta.auto_field is not None and obj.pk is not None
            ):
                obj.save(force_insert=True)
                continue
            sql, fields, returns_pk = _insert_statement(model)
            params = []
            for field in fields:
                value = field.pre_save(obj, True)
                if hasattr(value, "resolve_expression"):
                    break
                params.append(field.get_db_prep_save(value, connection=connection))
            else:
                cursor.execute(sql, params)
                if returns_pk:
                    obj.pk = cursor.fetchone()[0]
                obj._state.adding = False
                obj._state.db = connection.alias
                continue
            obj.save(force_insert=True)


def _has_save_receivers(model) -> bool:
    return signals.pre_save.has_listeners(model) or signals.post_save.has_listeners(model)


@cache
def _insert_statement(model) -> tuple[str, list, bool]:
    """(sql, fields in parameter order, whether it returns the new primary key)."""
    quote = connections[DEFAULT_DB_ALIAS].ops.quote_name
    meta = model._meta
    auto = meta.auto_field
    fields = [f for f in meta.local_concrete_fields if not f.generated and f is not auto]
    # Identifiers from the model's own metadata, quoted; the values are parameters.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    if auto is not None:
        sql += f" RETURNING {quote(auto.column)}"
    return sql, fields, auto is not None
