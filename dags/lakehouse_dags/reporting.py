"""Warning-level checks: run a generated query and report what it selects, never failing the task; and the
data-quality DAG's wait for the session's committed load.

One log line per check that found rows, starting with WARNING_MARKER and carrying the check and the rows
as JSON (terraform/monitoring.tf can match it like the alert line). Standard library only at import time.
"""
from __future__ import annotations

import json
import logging

from lakehouse_dags import warehouse

WARNING_MARKER = "LAKEHOUSE_WARNING"

# Rows quoted in the warning line; the count is always the full one.
SAMPLE_ROWS = 50

log = logging.getLogger("airflow.task")


def format_warning(check: str, rows: list[tuple]) -> str:
    """`LAKEHOUSE_WARNING {json}` with the check, how many rows it selected and the first SAMPLE_ROWS of them."""
    payload = {"check": check, "rows": len(rows), "sample": [list(r) for r in rows[:SAMPLE_ROWS]]}
    return f"{WARNING_MARKER} {json.dumps(payload, sort_keys=True, default=str)}"


def session_loaded(sql: str, **_context) -> bool:
    """PythonSensor callable: runs the rendered load_state/session_loaded query, True once a load of the session
    has committed (its one row says 1)."""
    rows = warehouse.query_rows(sql, [])
    loaded = bool(rows) and int(rows[0][0]) > 0
    if not loaded:
        log.info("No committed load of the session yet; waiting.")
    return loaded


def report_rows(check: str, sql: str, **_context) -> int:
    """PythonOperator callable: runs the rendered `sql` and logs the rows it selects as one warning line.
    Returns the row count (the task's XCom); succeeds whatever it is."""
    rows = warehouse.query_rows(sql, [])
    if rows:
        log.warning(format_warning(check, rows))
    else:
        log.info("%s: nothing to report.", check)
    return len(rows)
