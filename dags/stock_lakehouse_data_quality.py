"""StockLakehouse data quality: the warehouse checks and the per-symbol freshness warning, after the day's load.

Every weekday at 21:00 New York time (two and a half hours after the daily run triggers):
- is_trading_day: skips the run when NYSE was closed on the session date (from dim_date, as the daily DAG does);
- wait_for_session_load: waits until a load of the session has committed in the warehouse's load record
  (load_state), whichever run wrote it — scheduled, manual or a rerun — so no check reads a day still being
  merged; it fails after 6 hours without one;
- checks.load_committed: refuses (fails saying so) when the warehouse's last load did not commit;
- checks: every check of generated/bigquery/checks.json finds 0 violating rows (BigQueryValueCheckOperator),
  freshness included: the latest trade date is the last NYSE session on or before the session date;
- warnings: generated/bigquery/warnings.json, the per-symbol freshness among active companies with a tolerance
  of a few trading days, logged as LAKEHOUSE_WARNING lines; they never fail the run.
The session is the New York date of the data interval end, as in every generated template.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.python import PythonOperator, ShortCircuitOperator
from airflow.timetables.trigger import CronTriggerTimetable

from lakehouse_dags import artifacts, config, tasks, trading_calendar

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
    is_trading_day = ShortCircuitOperator(
        task_id="is_trading_day",
        python_callable=trading_calendar.is_trading_day,
        op_kwargs={"day": artifacts.session_date(), "sql": artifacts.calendar_sql("trading_day")},
        params=PARAMS,
    )
    loaded = tasks.wait_for_session_load(PARAMS, timeout=timedelta(hours=6))
    checks = tasks.checks_group(CFG, PARAMS)
    warnings = tasks.warnings_group(PARAMS)

    configured >> is_trading_day >> loaded >> [checks, warnings]
