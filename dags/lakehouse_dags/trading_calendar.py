"""Which days to run, from the NYSE calendar the gold job writes to dim_date.

The holiday rules live in C# (core/Calendar); they are not re-implemented here. The DAGs read
`is_trading_day` from the warehouse's dim_date instead, with the generated lookups of
dags/generated/bigquery/calendar.json (one tiny query, typically a few KB scanned), so Airflow and the
pipeline can never disagree about a holiday. The DAGs pass the lookup's SQL in op_kwargs, which Airflow
renders (project and dataset) before calling these functions.

Before the first gold load dim_date is empty: a day dim_date does not know yet counts as a trading day when
it is a weekday. That only matters for the very first runs, and running the pipeline on a holiday is
harmless (the extractor finds no new bar; silver quarantines bars on non-trading days).
"""
from __future__ import annotations

import logging
from datetime import date, timedelta

from lakehouse_dags import artifacts, config, warehouse

log = logging.getLogger("airflow.task")

def parse_day(text: str, name: str = "date") -> date:
    """A yyyy-MM-dd date; anything else fails with a sentence naming the bad value."""
    try:
        return date.fromisoformat(str(text).strip())
    except ValueError:
        raise ValueError(f"The {name} '{text}' is not a date in the form yyyy-MM-dd.") from None


def resolve_days(start: date, end: date, known: dict[date, bool]) -> list[date]:
    """Trading days from start to end inclusive: dim_date's flag where it knows the day, weekdays otherwise."""
    if end < start:
        raise ValueError(f"The end date {end} is before the start date {start}.")
    days = []
    day = start
    while day <= end:
        flag = known.get(day)
        if flag is None:
            flag = day.weekday() < 5
        if flag:
            days.append(day)
        day += timedelta(days=1)
    return days


def windows(days: list[date], size: int) -> list[tuple[date, date]]:
    """Consecutive trading days grouped into (first, last) windows of at most `size` trading days."""
    if size < 1:
        raise ValueError(f"A backfill window must hold at least one trading day, not {size}.")
    return [(days[i], days[min(i + size, len(days)) - 1]) for i in range(0, len(days), size)]


def is_trading_day(day: str, sql: str, **_context) -> bool:
    """ShortCircuitOperator callable: True when NYSE holds a session on `day` (the run's session date); `sql`
    is the rendered trading_day lookup."""
    config.require_complete()
    session = parse_day(day)
    rows = warehouse.query_rows(sql, [("day", "DATE", session.isoformat())])
    if not rows:
        trading = session.weekday() < 5
        log.warning(
            "dim_date has no row for %s yet (no gold load so far); treating it as %s.",
            session,
            "a trading day" if trading else "a weekend",
        )
        return trading
    trading, holiday = rows[0]
    if not trading:
        log.info("NYSE is closed on %s (%s): skipping the run.", session, holiday or "weekend")
    return bool(trading)


def backfill_windows(start: str, end: str, window_trading_days: str | int, sql: str, **_context) -> list[dict]:
    """Backfill planner: the trading days in [start, end] from dim_date (`sql`: the rendered trading_days
    lookup), cut into windows.

    Returns one CloudRunExecuteJobOperator `overrides` per window, for the mapped extract tasks.
    """
    config.require_complete()
    cfg = config.values()
    first, last = parse_day(start, "start_date"), parse_day(end, "end_date")
    if last < first:
        raise ValueError(f"The end_date {last} is before the start_date {first}.")
    rows = warehouse.query_rows(
        sql,
        [("start", "DATE", first.isoformat()), ("end", "DATE", last.isoformat())],
    )
    known = {row[0]: bool(row[1]) for row in rows}
    if len(known) < (last - first).days + 1:
        log.warning(
            "dim_date knows %d of the %d days from %s to %s; the others count as trading days when they are weekdays.",
            len(known), (last - first).days + 1, first, last,
        )
    days = resolve_days(first, last, known)
    planned = [
        artifacts.extract_overrides(a.isoformat(), b.isoformat(), cfg["lake_bucket"])
        for a, b in windows(days, int(window_trading_days))
    ]
    log.info("Backfill %s..%s: %d trading days in %d extract windows.", first, last, len(days), len(planned))
    return planned
