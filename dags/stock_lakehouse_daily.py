"""StockLakehouse daily pipeline (Cloud Composer 3, Airflow 2).

Every weekday at 18:30 New York time (after the 16:00 close, DST-aware), for the session of that day:

    is_trading_day -> extract -> silver -> gold -> warehouse (load, merge, marts) -> checks

- The session is the New York date of the run's data interval end (the generated templates' session date):
  the trigger time for a scheduled run, the trigger moment for a manual one, so a manual run on a Friday
  evening is Friday's run even though the UTC date (`ds`) is already Saturday.
- is_trading_day: skips the whole run when NYSE is closed (holiday), from dim_date's NYSE calendar.
- extract: the extractor Cloud Run job up to the session; raw landing is exactly-once, so a retry lands nothing
  twice.
- silver, gold: the Dataproc Serverless batches of dags/generated/dataproc/ as generated (one batch id per
  try, deferrable); each rewrites whole partitions.
- warehouse: BigQuery load jobs into the run's own <table>_staging_r<run id> (WRITE_TRUNCATE) and MERGE by key,
  from the generated configurations and SQL; a rerun of the same date changes nothing.
- checks: every check in generated/bigquery/checks.json must find 0 violating rows.
silver, gold and every warehouse task take the one-slot pool lakehouse_writes, shared with the backfill.
"""
from __future__ import annotations

from datetime import datetime

from airflow import DAG
from airflow.operators.python import ShortCircuitOperator
from airflow.providers.google.cloud.operators.cloud_run import CloudRunExecuteJobOperator
from airflow.timetables.trigger import CronTriggerTimetable

from lakehouse_dags import artifacts, config, tasks, trading_calendar

CFG = config.values()
PARAMS = artifacts.template_params(CFG)

with DAG(
    dag_id="stock_lakehouse_daily",
    description="Extract, transform, load and check one NYSE session.",
    schedule=CronTriggerTimetable("30 18 * * 1-5", timezone="America/New_York"),
    start_date=datetime(2025, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=tasks.default_args(),
    tags=["stocklakehouse"],
    doc_md=__doc__,
) as dag:
    is_trading_day = ShortCircuitOperator(
        task_id="is_trading_day",
        python_callable=trading_calendar.is_trading_day,
        op_kwargs={"day": artifacts.session_date(), "sql": artifacts.calendar_sql("trading_day")},
        params=PARAMS,
    )

    extract = CloudRunExecuteJobOperator(
        task_id="extract",
        project_id=CFG["project"],
        region=CFG["region"],
        job_name=CFG["extractor_job"],
        overrides=artifacts.extract_overrides(start=None, end=artifacts.session_date(), bucket=CFG["lake_bucket"]),
        params=PARAMS,
    )

    silver = tasks.spark_batch(CFG, PARAMS, "silver")
    gold = tasks.spark_batch(CFG, PARAMS, "gold")

    warehouse = tasks.warehouse_group(CFG, PARAMS)
    checks = tasks.checks_group(CFG, PARAMS)

    is_trading_day >> extract >> silver >> gold >> warehouse >> checks
