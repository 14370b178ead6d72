"""StockLakehouse daily pipeline (Cloud Composer 3, Airflow 2).

Every weekday at 18:30 New York time (after the 16:00 close, DST-aware), for the session of that day:

    is_trading_day -> extract -> silver -> gold -> warehouse (load, merge, marts) -> checks

- is_trading_day: skips the whole run when NYSE is closed (holiday), from dim_date's NYSE calendar.
- extract: the extractor Cloud Run job for [ds, ds]; raw landing is exactly-once, so a retry lands nothing twice.
- silver, gold: Dataproc Serverless batches from dags/generated/dataproc/; each rewrites whole partitions.
- warehouse: BigQuery load jobs into the run's own <table>_staging_r<run id> (WRITE_TRUNCATE) and MERGE by key,
  from the generated configurations and SQL; a rerun of the same date changes nothing.
- checks: every check in generated/bigquery/checks.json must find 0 violating rows.

The logical date is the session date: the CronTriggerTimetable runs at the trigger time itself (no data
interval), and 18:30 New York is the same calendar day in UTC (22:30 or 23:30), so `ds` is the session.
"""
from __future__ import annotations

from datetime import datetime

from airflow import DAG
from airflow.operators.python import ShortCircuitOperator
from airflow.providers.google.cloud.operators.cloud_run import CloudRunExecuteJobOperator
from airflow.providers.google.cloud.operators.dataproc import DataprocCreateBatchOperator
from airflow.timetables.trigger import CronTriggerTimetable

from lakehouse_dags import artifacts, config, tasks, trading_calendar

CFG = config.values()
PARAMS = artifacts.template_params(CFG)
# Batch ids: the generated lakehouse-<job>-{{ ds_nodash }} plus the run's trigger time and the try number, so a
# retry runs a new batch instead of re-attaching to the failed one, and a manual run never attaches to the
# scheduled run's finished batch. The batch's --run-id is the same id, so every try keeps its own quarantine
# files. tests/dags renders them for a range of dates.
BATCH_SUFFIX = "-{{ ts_nodash | lower }}-t{{ ti.try_number }}"

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
        op_kwargs={"day": "{{ ds }}"},
    )

    extract = CloudRunExecuteJobOperator(
        task_id="extract",
        project_id=CFG["project"],
        region=CFG["region"],
        job_name=CFG["extractor_job"],
        overrides=artifacts.extract_overrides(start=None, end="{{ ds }}", bucket=CFG["lake_bucket"]),
        params=PARAMS,
    )

    silver = DataprocCreateBatchOperator(
        task_id="silver",
        project_id=CFG["project"],
        region=CFG["region"],
        batch=artifacts.batch_resource("silver", suffix=BATCH_SUFFIX),
        batch_id=artifacts.batch_id("silver", suffix=BATCH_SUFFIX),
        params=PARAMS,
    )

    gold = DataprocCreateBatchOperator(
        task_id="gold",
        project_id=CFG["project"],
        region=CFG["region"],
        batch=artifacts.batch_resource("gold", suffix=BATCH_SUFFIX),
        batch_id=artifacts.batch_id("gold", suffix=BATCH_SUFFIX),
        params=PARAMS,
    )

    warehouse = tasks.warehouse_group(CFG, PARAMS)
    checks = tasks.checks_group(CFG, PARAMS)

    is_trading_day >> extract >> silver >> gold >> warehouse >> checks
