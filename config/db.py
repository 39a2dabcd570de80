"""Database helpers shared by the apps."""

from contextlib import contextmanager
from functools import cache

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.models import Model, signals


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

    Anything this does not cover goes through save() itself: a model with its own
    save(), with save signal receivers, with parents (multi-table inheritance), a proxy
    or ordered with respect to another model, a field whose value is an expression
    (db_default, F()), or an automatic primary key given a value. The rows' generated
    fields, and db_returning fields other than the primary key, are not read back (a
    later access loads them, as for a deferred field)."""
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        for obj in objs:
            if _insert(cursor, connection, obj) is None:
                obj.save(force_insert=True)


def insert_new_or_skip(obj, *, conflict_on: str) -> bool:
    """Insert a new model instance as insert_new does, unless a row with the same value
    of the unique field `conflict_on` exists: one `INSERT ... ON CONFLICT DO NOTHING`.
    True when this row was written (obj then has its id), False when one was there.

    Only for models insert_new writes itself (see there); for any other this raises
    TypeError, as save() has no way to skip a conflict without an error."""
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        inserted = _insert(cursor, connection, obj, conflict_on=conflict_on)
    if inserted is None:
        raise TypeError(f"insert_new_or_skip cannot write {type(obj).__name__} itself.")
    return inserted


def _insert(cursor, connection, obj, *, conflict_on: str = "") -> bool | None:
    """Write obj's row: True when written, False when skipped on a conflict, None when
    only save() can write it."""
    model = type(obj)
    # As save(): take the ids of related objects saved just before, refuse unsaved.
    obj._prepare_related_fields_for_save(operation_name="save")
    statement = _insert_statement(model, conflict_on)
    if (
        statement is None
        or _has_save_receivers(model)
        or (model._meta.auto_field is not None and obj.pk is not None)
    ):
        return None
    sql, fields, returns_pk = statement
    params = []
    for field in fields:
        value = field.pre_save(obj, True)
        if hasattr(value, "resolve_expression"):
            return None
        params.append(field.get_db_prep_save(value, connection=connection))
    # As save(): an error leaves the surrounding atomic block marked for rollback, even
    # if the caller catches it.
    with transaction.mark_for_rollback_on_error(connection.alias):
        cursor.execute(sql, params)
        if returns_pk:
            row = cursor.fetchone()
            if row is None:  # skipped on the conflict
                return False
            obj.pk = row[0]
    obj._state.adding = False
    obj._state.db = connection.alias
    return True


def generic_plans_in_this_transaction() -> None:
    """Until this transaction ends, let PostgreSQL keep one plan for a prepared
    statement, as its default does. Connections plan every call anew
    (config/settings/base.py: a search's best plan depends on its words); statements
    that plan the same whatever their values, such as a submission's INSERTs, need not
    pay for that."""
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SET LOCAL plan_cache_mode = auto")


@contextmanager
def generic_plans(using: str = DEFAULT_DB_ALIAS):
    """Within this block a prepared statement keeps one plan (PostgreSQL's generic
    plan) instead of being planned anew for each call's values (config/settings/base.py).

    For statements whose best plan is the same whatever their values: a case's reads by
    its id (config.batch.ById). Planning the case file's thirty-odd reads anew took
    three times as long as running them (7 ms of 9 at 100,000 cases). Not for a filter
    on values whose frequency varies (a status, a search word): a generic plan cannot
    use a partial index for those, nor see how common a value is.

    A transaction of its own, or part of the caller's; the setting it found is back
    when the block ends (also after an error in Python, such as Http404). A statement
    is prepared only after a few runs (the connection's prepare_threshold): until then
    it is planned per call, as before."""
    connection = connections[using]
    if not connection.in_atomic_block:
        # A transaction of its own: the setting ends with it (SET LOCAL).
        with transaction.atomic(using=using):
            _set_plan_cache_mode(connection, "force_generic_plan")
            yield
        return
    # Inside the caller's transaction: put back what was there.
    before = _set_plan_cache_mode(connection, "force_generic_plan")
    restore = True
    try:
        yield
    except DatabaseError:
        # The transaction has failed; its rollback restores the setting.
        restore = False
        raise
    finally:
        if restore:
            _set_plan_cache_mode(connection, before)


def _set_plan_cache_mode(connection, mode: str) -> str:
    """Set plan_cache_mode until the transaction ends; the setting it had before."""
    with connection.cursor() as cursor:
        # Read in the same statement that changes it (the select list runs in order).
        cursor.execute(
            "SELECT current_setting('plan_cache_mode'), set_config('plan_cache_mode', %s, true)",
            [mode],
        )
        return cursor.fetchone()[0]


def _has_save_receivers(model) -> bool:
    return signals.pre_save.has_listeners(model) or signals.post_save.has_listeners(model)


@cache
def _insert_statement(model, conflict_on: str = "") -> tuple[str, list, bool] | None:
    """(sql, fields in parameter order, whether it returns the new primary key), or None
    for a model that only save() writes correctly. With conflict_on, a row whose value
    of that unique field exists already is skipped (and returns no key)."""
    meta = model._meta
    if model.save is not Model.save or meta.parents or meta.proxy or meta.order_with_respect_to:
        return None
    connection = connections[DEFAULT_DB_ALIAS]
    quote = connection.ops.quote_name
    auto = meta.auto_field
    fields = [f for f in meta.local_concrete_fields if not f.generated and f is not auto]
    placeholders = []
    for field in fields:
        if not hasattr(field, "get_placeholder"):
            placeholders.append("%s")
            continue
        # A cast the field asks for (an array's "%s::varchar(20)[]"), where it does not
        # depend on the value; anything else (geometry, say) is save()'s to write.
        try:
            placeholder = field.get_placeholder(None, None, connection)
        except Exception:
            return None
        if placeholder.count("%s") != 1:
            return None
        placeholders.append(placeholder)
    # Identifiers from the model's own metadata, quoted; the values are parameters.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(placeholders),
    )
    if conflict_on:
        sql += f" ON CONFLICT ({quote(meta.get_field(conflict_on).column)}) DO NOTHING"
    if auto is not None:
        sql += f" RETURNING {quote(auto.column)}"
    elif conflict_on:
        return None  # nothing would tell whether the row was written
    return sql, fields, auto is not None
