"""Reads on a hot path, built with the ORM once per process and then run as their SQL.

A small read by index costs PostgreSQL less than it costs Django to build and compile its QuerySet:
the article page's query took 0.9 ms of filter(), annotate() and as_sql() for about 0.3 ms in the
database, on every request, to make the same SQL with another slug. `Prepared` builds the query
once per connection with stand-ins for its values, finds where they went among the SQL's
parameters, and from then on swaps in each call's values and runs the SQL, converting what comes
back with the converters Django would have applied (JSON, datetimes).

Only values a lookup passes through unchanged can be stand-ins (`slug=slug`, `pk__in=ids`,
`publish_at__lte=at`): building fails at once, naming the value, if a stand-in does not come out
among the parameters (`title__icontains` would wrap it in %…%). A value Django writes into the SQL
itself rather than passing it (a slice's bounds: LIMIT and OFFSET) is of the kind `SHAPE`: the query
is compiled once for each value given (each page of a list).
"""

from __future__ import annotations

import datetime
import functools
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models import Count, Model, QuerySet, Value
from django.db.models.signals import post_migrate
from django.dispatch import receiver

# Stand-ins no real value equals: ids are positive, slugs have no NUL, no article is from the 11th century.
_FIRST_ID = -(10**15)
_FIRST_YEAR = 1001


class SHAPE:
    """The kind of a keyword whose value is written into the SQL (a page number, which becomes a
    slice): each value is a shape of its own, compiled once. Given 1 when the query is built only
    to learn its model."""


# Shapes kept per query and connection: beyond this many (pages of a list deep in its archive), the
# compiled ones are dropped and compiled again as they are asked for.
SHAPES_KEPT = 256


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple
    # Parameter position → (the call's keyword, index in it when it is a list, or None).
    slots: dict[int, tuple[str, int | None]]
    names: tuple[str, ...]
    converters: dict[int, tuple[list[Callable], Any]]


class Prepared:
    """`build(**values)` → a `values()` QuerySet, compiled once per connection and shape.

    `kinds` names each keyword's type: str, int, datetime.datetime, list (of ids) or SHAPE. A list's
    length is part of the shape: each length compiles once (`pk__in` writes one parameter per id);
    a SHAPE keyword's value is.
    """

    def __init__(self, build: Callable[..., QuerySet], **kinds: type) -> None:
        self.build = build
        self.kinds = kinds
        # Per connection (a thread's own): the compiled SQL and the converters bound to its backend.
        self._compiled: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        _every.add(self)

    @functools.cached_property
    def model(self) -> type[Model]:
        """The model the query reads, for the database routers."""
        stand_ins, _wanted = self._stand_ins(tuple(self._probe(kind) for kind in self.kinds.values()))
        return self.build(**stand_ins).model

    @staticmethod
    def _probe(kind: type) -> Any:
        return 0 if kind is list else 1 if kind is SHAPE else None

    def rows(self, using: str | None = None, **values: Any) -> list[dict[str, Any]]:
        """The rows for `values`, from the database the routers choose for a read (as the QuerySet would)."""
        using = using or router.db_for_read(self.model)
        connection = connections[using]
        shape = tuple(self._shape(kind, values[name]) for name, kind in self.kinds.items())
        by_shape = self._compiled.setdefault(connection, {})
        if shape not in by_shape:
            if len(by_shape) >= SHAPES_KEPT:
                by_shape.clear()
            by_shape[shape] = self._compile(using, shape)
        compiled = by_shape[shape]
        if compiled is None:
            # Nothing can match (an empty list of ids): Django would not have queried either.
            return []
        params = list(compiled.params)
        for position, (name, index) in compiled.slots.items():
            value = values[name] if index is None else values[name][index]
            params[position] = self._adapt(connection, params[position], value)
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            fetched = cursor.fetchall()
        return [self._convert(connection, compiled, row) for row in fetched]

    @staticmethod
    def _shape(kind: type, value: Any) -> Any:
        if kind is list:
            return len(value)
        return value if kind is SHAPE else None

    def first(self, using: str | None = None, **values: Any) -> dict[str, Any] | None:
        found = self.rows(using, **values)
        return found[0] if found else None

    # --- Building ------------------------------------------------------------------------------

    def _stand_ins(self, shape: tuple) -> tuple[dict[str, Any], dict[Any, tuple[str, int | None]]]:
        """A stand-in for each keyword, and what each stands in for: (keyword, index in a list)."""
        stand_ins: dict[str, Any] = {}
        wanted: dict[Any, tuple[str, int | None]] = {}
        serial = 0
        for (name, kind), length in zip(self.kinds.items(), shape, strict=True):
            if kind is SHAPE:
                # Not a stand-in: the value itself, which this shape is compiled for.
                stand_ins[name] = length
                continue
            if kind is list:
                stand_ins[name] = [_FIRST_ID - serial - k for k in range(length)]
                wanted.update({_FIRST_ID - serial - k: (name, k) for k in range(length)})
                serial += length
                continue
            stand_ins[name] = stand_in = self._stand_in(kind, name, serial)
            wanted[stand_in] = (name, None)
            serial += 1
        return stand_ins, wanted

    def _compile(self, using: str, shape: tuple) -> _Compiled | None:
        connection = connections[using]
        stand_ins, wanted = self._stand_ins(shape)
        for stand_in, slot in list(wanted.items()):
            if isinstance(stand_in, datetime.datetime):
                # SQLite's backend writes datetimes out as text while compiling.
                wanted[connection.ops.adapt_datetimefield_value(stand_in)] = slot
        queryset = self.build(**stand_ins).using(using)
        query = queryset.query
        compiler = query.get_compiler(using)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            return None
        slots = {}
        for position, param in enumerate(params):
            if _hashable(param) and param in wanted:
                slots[position] = wanted[param]
        # An empty list stands in for nothing (`exclude(pk__in=[])` leaves no parameter behind).
        stood_in = {name for name, _ in wanted.values()}
        missing = stood_in - {name for name, _ in slots.values()}
        if missing:
            raise ValueError(f"Prepared query: {', '.join(sorted(missing))} not found among the SQL's parameters")
        if not query.selected:
            raise ValueError("Prepared query: build a values() QuerySet")
        # As ValuesIterable names a row's columns.
        names = tuple(query.selected)
        columns = [column for column, _, _ in compiler.select[: compiler.col_count]]
        return _Compiled(sql, tuple(params), slots, tuple(names), compiler.get_converters(columns))

    @staticmethod
    def _stand_in(kind: type, name: str, serial: int) -> Any:
        if kind is str:
            return f"\x00{name}\x00"
        if kind is int:
            return _FIRST_ID - serial
        if kind is datetime.datetime:
            return datetime.datetime(_FIRST_YEAR + serial, 1, 1, tzinfo=datetime.UTC)
        raise TypeError(f"Prepared query: no stand-in for {kind!r} ({name})")

    @staticmethod
    def _adapt(connection, compiled_param: Any, value: Any) -> Any:
        if isinstance(value, datetime.datetime):
            return connection.ops.adapt_datetimefield_value(value)
        if isinstance(compiled_param, int) and type(compiled_param) is not int:
            # The backend's own integer type (psycopg's Int4 for a 4-byte column), as compiled.
            return type(compiled_param)(value)
        return value

    @staticmethod
    def _convert(connection, compiled: _Compiled, row: tuple) -> dict[str, Any]:
        values = list(row)
        for position, (converters, expression) in compiled.converters.items():
            value = values[position]
            for converter in converters:
                value = converter(value, expression, connection)
            values[position] = value
        return dict(zip(compiled.names, values, strict=True))


def counted(queryset: QuerySet) -> QuerySet:
    """How many rows `queryset` has, as a values() QuerySet of one row, `n` (`count()` runs at once,
    which a Prepared build cannot). Grouped by a constant, which Django leaves out of GROUP BY: one
    row even for none."""
    rows = queryset.prefetch_related(None).order_by()
    return rows.annotate(whole=Value(1)).values("whole").annotate(n=Count("pk")).values("n")


# Every Prepared query of the process, to be compiled again when a database is migrated or emptied.
_every: weakref.WeakSet[Prepared] = weakref.WeakSet()


@receiver(post_migrate)
def _compile_again(**kwargs) -> None:
    """A query may hold values of rows that a flush or migration makes anew: content types' ids,
    which a tagged list's SQL carries (taggit's items name their model by it)."""
    for prepared in list(_every):
        prepared._compiled = weakref.WeakKeyDictionary()


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True
