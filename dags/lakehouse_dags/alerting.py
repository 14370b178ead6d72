"""Failure alerting: one structured log line per failed task, which Cloud Monitoring turns into an alert.

terraform/monitoring.tf has a log-match alert policy on ALERT_MARKER (and a second policy on Composer's own
failed-DAG-run metric), and sends both to the alert e-mail channel. Logging instead of sending mail from the
worker keeps alerting working without an SMTP/SendGrid setup in Composer.
"""
from __future__ import annotations

import json
import logging

ALERT_MARKER = "LAKEHOUSE_ALERT"

log = logging.getLogger("airflow.task")


def alert_payload(context: dict) -> dict:
    """The fields of the alert line, from an Airflow callback context."""
    ti = context.get("task_instance") or context.get("ti")
    exception = context.get("exception")
    logical_date = context.get("logical_date")
    return {
        "dag_id": getattr(ti, "dag_id", None),
        "task_id": getattr(ti, "task_id", None),
        "run_id": context.get("run_id"),
        "logical_date": logical_date.isoformat() if hasattr(logical_date, "isoformat") else logical_date,
        "try_number": getattr(ti, "try_number", None),
        "log_url": getattr(ti, "log_url", None),
        "error": f"{type(exception).__name__}: {exception}" if exception is not None else None,
    }


def format_alert(context: dict) -> str:
    """`LAKEHOUSE_ALERT {json}`: the marker for the log filter, JSON for the people reading it."""
    return f"{ALERT_MARKER} {json.dumps(alert_payload(context), sort_keys=True, default=str)}"


def on_failure(context: dict) -> None:
    """on_failure_callback of every task: runs after the last retry has failed."""
    log.error(format_alert(context))
