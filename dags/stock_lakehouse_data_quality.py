"""StockLakehouse data quality: freshness and the warehouse checks, independent of the daily pipeline.

Every weekday at 21:00 New York time (two and a half hours after the daily run starts):
- freshness: every date-partitioned gold table holds the last NYSE session on or before the session date
  (BigQueryCheckOperator: the SQL returns one boolean); the trigger falls on the next UTC day, so the
  session date is `ds` minus one day;
- checks: every check of generated/bigquery/checks.json finds 0 violating rows (BigQueryValueCheckOperator).
Both use standard SQL explicitly (use_legacy_sql=False): the check operators default to legacy SQL.
It alerts when the daily DAG silently did not load (skipped, paused or stuck), which the daily DAG's own
checks cannot see.
"""
from __future__ import annotations

from datetime import datetime

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
    # 21:00 New York is 01:00 or 02:00 UTC the next day, and `ds` is the UTC date: the session is the day before.
    freshness = tasks.freshness_group(CFG, PARAMS, utc_day_after_session=True)
    checks = tasks.checks_group(CFG, PARAMS, utc_day_after_session=True)

    configured >> freshness >> checks
