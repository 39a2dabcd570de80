"""Several querysets in one round trip to PostgreSQL.

A page that shows a case reads a dozen small tables (the timeline merges one source per
capability). Each read on its own costs a round trip, and at a dozen those dominate the
page. `fetch_many` sends them as one statement: every queryset's own SQL (as the ORM
compiles it: filters, select_related joins, ordering) becomes a subquery aggregated to
JSON, and the answer is turned back into what the queryset would have given (model
instances with their related objects, or values rows), through the same compiler and the
fields' own converters. Only prefetch_related is not followed: prefetches are queries of
their own, so a caller passes their querysets in the same batch instead."""

import copy
import datetime
import json
import uuid
from collections.abc import Callable, Sequence
from decimal import Decimal

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.db.models.sql.constants import MULTI
from django.utils.dateparse import parse_duration

from config.db import generic_plans


def _identity(value):
    return value


def _parse_array(base):
    convert = _converter(base)
    return lambda value: [convert(item) for item in value]


_PARSERS = {
    "DateTimeField": datetime.datetime.fromisoformat,
    "DateField": datetime.date.fromisoformat,
    "TimeField": datetime.time.fromisoformat,
    "DurationField": parse_duration,
    "DecimalField": lambda value: Decimal(str(value)),
    "UUIDField": uuid.UUID,
    # The field's from_db_value parses text, as from psycopg.
    "JSONField": json.dumps,
}


def _converter(field):
    """What turns a column's JSON form into what psycopg would have returned for it:
    chosen once per column, not per value (a 200-entry timeline has thousands)."""
    if field is None:
        return _identity
    kind = field.get_internal_type()
    if kind == "ArrayField":
        parse = _parse_array(field.base_field)
    else:
        parse = _PARSERS.get(kind, _identity)
    if parse is _identity:
        return _identity
    return lambda value: None if value is None else parse(value)


def _output_field(expression):
    try:
        return expression.output_field
    except Exception:  # an expression without a resolvable type: leave the value as JSON gave it
        return None


class Compiled:
    """A queryset with its SQL written already (ById): fetch_many reads it as it reads
    the queryset, without compiling it again."""

    __slots__ = ("queryset", "compiler", "sql", "params")

    def __init__(self, queryset: QuerySet, compiler, sql: str, params: tuple):
        self.queryset, self.compiler, self.sql, self.params = queryset, compiler, sql, params

    @property
    def db(self) -> str:
        return self.queryset.db


def _sql(queryset: QuerySet, using: str):
    """The compiler of a queryset and the SQL it writes; EmptyResultSet for a queryset
    that asks nothing (.none(), an empty __in)."""
    compiler = queryset.query.get_compiler(using=using)
    sql, params = compiler.as_sql()
    return compiler, sql, params


def _compiled(item, using: str):
    """(queryset, compiler, sql, params) of a queryset or a Compiled."""
    if isinstance(item, Compiled):
        # A copy: reading the rows sets this read's answer on the compiler.
        return item.queryset, copy.copy(item.compiler), item.sql, item.params
    try:
        return item, *_sql(item, using)
    except EmptyResultSet:  # nothing to ask
        compiler = item.query.get_compiler(using=using)
        compiler.select = [(None, None, None)]
        return item, compiler, "SELECT 1 WHERE false", ()


def fetch_many(querysets: Sequence[QuerySet | Compiled], *, plan_once: bool = False) -> list[list]:
    """The rows of each queryset, in order, read in one statement.

    plan_once: the Compiled ones (ById: the same SQL for every case but the id) are read
    in a statement of their own that PostgreSQL plans once per connection
    (config.db.generic_plans), the others in one planned for their values, as before.
    Planning thirty reads anew on every call cost more than running them."""
    querysets = list(querysets)
    if not querysets:
        return []
    once = [index for index, item in enumerate(querysets) if isinstance(item, Compiled)]
    if not plan_once or not once:
        return _fetch(querysets)
    each = [index for index, item in enumerate(querysets) if not isinstance(item, Compiled)]
    results = [None] * len(querysets)
    with generic_plans(querysets[0].db):
        read = _fetch([querysets[index] for index in once])
    for index, rows in zip(once, read, strict=True):
        results[index] = rows
    for index, rows in zip(each, _fetch([querysets[index] for index in each]), strict=True):
        results[index] = rows
    return results


def _fetch(querysets: list) -> list[list]:
    if not querysets:
        return []
    using = querysets[0].db
    connection = connections[using]
    parts, params, read = [], [], []
    for item in querysets:
        queryset, compiler, sql, sql_params = _compiled(item, using)
        # A Compiled's own compiler keeps what reading its rows needs (_read_plan).
        read.append((queryset, compiler, item.compiler if isinstance(item, Compiled) else None))
        params.extend(sql_params)
        # Positional names (c0, c1, ...): two joined tables both have an "id".
        names = ", ".join(f"c{i}" for i in range(len(compiler.select)))
        # The SQL is the ORM's own, its values bound as parameters.
        parts.append(f"(SELECT coalesce(json_agg(t), '[]')::text FROM ({sql}) t({names}))")  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        answers = cursor.fetchone()
    results = []
    for (queryset, compiler, kept), answer in zip(read, answers, strict=True):
        rows = json.loads(answer)
        if not rows:
            results.append([])
            continue
        results.append(_materialise(queryset, compiler, rows, _read_plan(compiler, kept)))
    return results


# Ids no row has (below any sequence's start): ById builds its querysets for these.
_STAND_INS = (-(2**62) - 1, -(2**62) - 2)


class ById:
    """Querysets built from one id alone, such as a case's timeline sources (its status
    changes, its notes, ...): their SQL is compiled once per process.

    Django writes a queryset's SQL anew on every read; at the thirty small reads of the
    case file that was a fifth of its time, and the SQL differs from case to case only
    in the id. On first use a ById builds the querysets for two ids no row has and
    compiles both: a parameter that is the id in both is where each call's id goes. A
    queryset whose SQL or other parameters differ between the two builds (one that
    depends on the time now, say) is compiled on every call as before. So `build` uses
    nothing but the id it is given: a value such as today's date, equal in both builds,
    would stay the first call's."""

    def __init__(self, build: Callable[[int], Sequence[QuerySet]], *, stand_ins=_STAND_INS):
        # `stand_ins`: two values no row has, of the key's type (a reference, say).
        self.build, self.stand_ins = build, stand_ins
        # Per queryset: (queryset, sql, params, slots, compiler), or None.
        self._shapes: list | None = None

    def __call__(self, pk: int) -> list[QuerySet | Compiled]:
        """build(pk), with the SQL of each queryset that allows it written already.
        Built from an id alone, a queryset knows no related object: the rows are read
        through the queryset built for the stand-in (the same but for the id), and
        nothing is built anew unless some queryset has to be compiled each time."""
        shapes = self._shapes
        if shapes is None:
            shapes = self._shapes = [
                self._shape(one, two, self.stand_ins)
                for one, two in zip(*(self.build(i) for i in self.stand_ins), strict=True)
            ]
        # Built anew only when some queryset is compiled each time.
        reusable = None not in shapes
        querysets = [shape[0] for shape in shapes] if reusable else list(self.build(pk))
        bound = []
        for queryset, shape in zip(querysets, shapes, strict=True):
            if shape is None:
                bound.append(queryset)
                continue
            template, sql, params, slots, compiler = shape
            values = tuple(pk if i in slots else value for i, value in enumerate(params))
            bound.append(Compiled(template, compiler, sql, values))
        return bound

    @staticmethod
    def _shape(one: QuerySet, two: QuerySet, stand_ins: tuple):
        """(queryset, sql, params, where the id goes, compiler), or None when the two
        builds do not differ in the id alone."""
        try:
            compiler, sql, params = _sql(one, one.db)
            _other, other_sql, other_params = _sql(two, two.db)
        except EmptyResultSet:
            return None
        if sql != other_sql or len(params) != len(other_params):
            return None
        slots = set()
        for index, pair in enumerate(zip(params, other_params, strict=True)):
            if pair == stand_ins:
                slots.add(index)
            elif pair[0] != pair[1]:
                return None
        return one, sql, tuple(params), frozenset(slots), compiler


class ByKey:
    """Querysets built from a few plain values alone (today's date; a neighbourhood and
    a year), their SQL compiled once per distinct key, as ById compiles once per shape.
    `build(*key)` must use nothing but the key: what else it read (the time now, say)
    would stay as the first call for that key saw it. The last `keep` keys are kept."""

    def __init__(self, build: Callable[..., Sequence[QuerySet]], *, keep: int = 64):
        self.build, self.keep = build, keep
        self._kept: dict[tuple, list] = {}

    def __call__(self, *key) -> list[QuerySet | Compiled]:
        kept = self._kept.get(key)
        if kept is None:
            if len(self._kept) >= self.keep:
                self._kept.clear()
            kept = self._kept[key] = [self._compile(one) for one in self.build(*key)]
        return list(kept)

    @staticmethod
    def _compile(queryset: QuerySet) -> QuerySet | Compiled:
        try:
            compiler, sql, params = _sql(queryset, queryset.db)
        except EmptyResultSet:  # read (as nothing) as before
            return queryset
        return Compiled(queryset, compiler, sql, tuple(params))


def _read_plan(compiler, kept=None) -> tuple[list, dict]:
    """How a compiler's rows are read: each column's JSON converter, and the ORM's own
    converters (compiler.get_converters, which Django works out on every read). Both
    depend on the SQL alone: for a Compiled (the same SQL on every call) they are
    worked out once and kept on its compiler (`kept`); a wide row (the case with its
    theme, neighbourhood, initiator, broker and publication: 76 columns) took 0.2 ms."""
    plan = getattr(kept, "_read_plan", None)
    if plan is None:
        fields = [select[0] for select in compiler.select[0 : compiler.col_count]]
        columns = [
            (f"c{i}", _converter(_output_field(select[0])))
            for i, select in enumerate(compiler.select)
        ]
        plan = (columns, compiler.get_converters(fields))
        if kept is not None:
            kept._read_plan = plan
    return plan


def _materialise(queryset, compiler, json_rows, plan: tuple[list, dict]) -> list:
    columns, converters = plan
    rows = [tuple(convert(row[name]) for name, convert in columns) for row in json_rows]

    # The compiler that wrote the SQL answers for it: its select, klass_info and
    # converters are set up already, so nothing is compiled twice.
    def execute_sql(result_type=MULTI, *args, **kwargs):
        return iter([rows])

    compiler.execute_sql = execute_sql
    compiler.get_converters = lambda expressions: converters
    return list(_answering(queryset, compiler))


def _answering(queryset: QuerySet, compiler) -> QuerySet:
    """`queryset` as a fresh queryset whose query answers with `compiler`. A shallow
    copy of the queryset and its query, not queryset._chain(): a chain clones the
    query's joins, filters and select_related (deep copies) for a read that changes
    none of them, 0.05 ms a queryset."""
    query = queryset.query  # (applies a deferred filter, as _chain() does)
    answering = query.__class__.__new__(query.__class__)
    answering.__dict__ = query.__dict__.copy()
    answering.get_compiler = lambda using=None, connection=None, elide_empty=True: compiler
    reading = queryset.__class__.__new__(queryset.__class__)
    reading.__dict__ = queryset.__dict__.copy()
    reading._query, reading._deferred_filter = answering, None
    reading._result_cache = None
    reading._prefetch_related_lookups = ()
    reading._prefetch_done = False
    return reading


def prefetched_in_place(parents: list, children, related_name: str) -> list:
    """The children a batch read for `parents` put in place as prefetch_related would
    leave them, so `parent.<related_name>.all()` reads nothing more (fetch_many does not
    follow prefetches: the caller batches the children's queryset and calls this)."""
    if not parents:
        return parents
    parent_id = getattr(parents[0], related_name).field.attname
    by_parent = {}
    for child in children:
        by_parent.setdefault(getattr(child, parent_id), []).append(child)
    for parent in parents:
        rows = getattr(parent, related_name).all()
        rows._result_cache = by_parent.get(parent.pk, [])
        rows._prefetch_done = True
        parent._prefetched_objects_cache = {related_name: rows}
    return parents


def count_many(querysets: Sequence[QuerySet]) -> list[int]:
    """The number of rows of each queryset, in order, counted in one statement. A sliced
    queryset is counted up to its slice's end (`qs[:10_001]`: "more than 10,000" without
    reading the rest). Each count is `count(*)` over the queryset's own SQL, so the planner
    answers it from an index alone where it can (no column of the rows is needed)."""
    querysets = list(querysets)
    if not querysets:
        return []
    sql, params = count_many_sql(querysets)
    return count_statement(sql, params, using=querysets[0].db)


def count_statement(sql: str, params, *, using: str) -> list[int]:
    """The numbers of a statement count_many_sql wrote (a caller may keep the statement
    when what it counts stays the same)."""
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchone())


def count_many_sql(querysets: Sequence[QuerySet]) -> tuple[str, list]:
    """The statement count_many sends (for EXPLAIN, as the benchmark prints it)."""
    using = querysets[0].db
    parts, params = [], []
    for queryset in querysets:
        query = queryset.values("pk").query
        # The order changes no count, also not of a slice taken for a cap.
        query.clear_ordering(force=True)
        try:
            sql, sql_params = query.get_compiler(using=using).as_sql()
        except EmptyResultSet:  # .none() or an empty __in: nothing to count
            parts.append("0")
            continue
        params.extend(sql_params)
        parts.append(f"(SELECT count(*) FROM ({sql}) t)")  # noqa: S608 (the ORM's SQL)
    return "SELECT " + ", ".join(parts), params
