"""StockLakehouse data quality: the warehouse checks and the per-symbol freshness warning, after the day's load.

Every weekday at 21:00 New York time (two and a half hours after the daily run triggers):
- wait_for_daily_load: waits until the daily run of the same session has loaded the warehouse, so no check reads
  a day still being merged; a holiday (the daily run skipped) skips this run, a failed load fails it;
- checks: every check of generated/bigquery/checks.json finds 0 violating rows (BigQueryValueCheckOperator),
  freshness included: the latest trade date is the last NYSE session on or before the session date;
- warnings: generated/bigquery/warnings.json, the per-symbol freshness among active companies with a tolerance
  of a few trading days, logged as LAKEHOUSE_WARNING lines; they never fail the run.
The session is the New York date of the data interval end, as in every generated template.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.python import PythonOperator
from airflow.timetables.trigger import CronTriggerTimetable

from lakehouse_dags import artifacts, config, tasks

CFG = config.values()
PARAMS = artifacts.template_params(CFG)

with DAG(
    dag_id="stock_lakehouse_data_quality",
    description="Freshness and warehouse checks against BigQuery.",
    schedule=CronTriggerTimetable("0 21 * * 1-5", timezone="America/New_York"),
    start_date=datetime(2025, 1, 1),
    catchup=False,
    max_active_runs=1,
    max_active_tasks=8,
    default_args=tasks.default_args(),
    tags=["stocklakehouse"],
    doc_md=__doc__,
) as dag:
    configured = PythonOperator(task_id="configured", python_callable=config.require_complete)
    # The daily DAG triggers at 18:30 New York on the same day: 2 h 30 min before this DAG's 21:00 (both New York
    # times, so daylight saving time moves them together).
    loaded = tasks.wait_for_daily_load(daily_trigger_before=timedelta(hours=2, minutes=30))
    checks = tasks.checks_group(CFG, PARAMS)
    warnings = tasks.warnings_group(PARAMS)

    configured >> loaded >> [checks, warnings]
