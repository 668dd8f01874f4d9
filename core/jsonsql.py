"""JSON in SQL, written once for PostgreSQL and SQLite: a page's rows gathered into one query.

A page that shows a few rows of other tables (the article page: its "Read next" cards and the
navigation's sections) gets them as JSON arrays in the query that fetches the page, rather than
one query each: each query is a round trip, and on a page read hundreds of times a second, round
trips are most of its cost.
"""

from __future__ import annotations

from django.db.models import Aggregate, BigIntegerField, Func, JSONField


class JSONAgg(Aggregate):
    """The group's values as one JSON array (NULL for no rows): PostgreSQL's jsonb_agg, SQLite's
    json_group_array. jsonb, not json: Django reads jsonb as text and decodes it as JSONField does."""

    function = "JSONB_AGG"
    output_field = JSONField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSON_GROUP_ARRAY", **extra_context)


class JSONIds(Func):
    """The integers of a JSON array (a column of ids), as the rows of a subquery: `pk__in=JSONIds(...)`
    looks each one up by index."""

    template = "SELECT (JSONB_ARRAY_ELEMENTS_TEXT(%(expressions)s))::bigint"
    output_field = BigIntegerField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, template="SELECT value FROM JSON_EACH(%(expressions)s)")
