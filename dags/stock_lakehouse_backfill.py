"""StockLakehouse backfill: a date range, on trading days only, with bounded concurrency.

Trigger with params start_date and end_date (yyyy-MM-dd, inclusive), e.g.
    gcloud composer environments run <env> --location <region> dags trigger -- stock_lakehouse_backfill \
        --conf '{"start_date": "2005-01-01", "end_date": "2024-12-31"}'

    plan_windows -> extract (mapped, at most 2 at a time) -> silver -> gold -> warehouse -> checks

- plan_windows: the NYSE trading days in the range (from dim_date; weekdays while dim_date is still empty),
  cut into windows of `window_trading_days` trading days.
- extract: one Cloud Run execution per window (dynamic task mapping), max_active_tis_per_dag=2 so the
  market-data APIs' rate limits and the Cloud Run quota are respected.
- silver and gold rebuild every symbol's partitions from all raw objects once, after every window has landed
  (the jobs' unit of work is a symbol's whole history), then one load/merge/check pass. They and every
  warehouse task take the one-slot pool lakehouse_writes, so a daily run never writes beside them.
Re-running a range is safe: landing is exactly-once and every later step is idempotent.
"""
from __future__ import annotations

from datetime import datetime

from airflow import DAG
from airflow.models.param import Param
from airflow.operators.python import PythonOperator
from airflow.providers.google.cloud.operators.cloud_run import CloudRunExecuteJobOperator

from lakehouse_dags import artifacts, config, tasks, trading_calendar

CFG = config.values()
PARAMS = artifacts.template_params(CFG)

with DAG(
    dag_id="stock_lakehouse_backfill",
    description="Extract a date range of NYSE sessions, then rebuild and load the warehouse.",
    schedule=None,
    start_date=datetime(2025, 1, 1),
    catchup=False,
    max_active_runs=1,
    max_active_tasks=4,
    default_args=tasks.default_args(),
    params={
        "start_date": Param("2024-01-02", type="string", format="date", description="First session (inclusive)."),
        "end_date": Param("2024-12-31", type="string", format="date", description="Last session (inclusive)."),
        "window_trading_days": Param(
            63, type="integer", minimum=1, maximum=2520, description="Trading days per extractor execution."
        ),
    },
    tags=["stocklakehouse"],
    doc_md=__doc__,
) as dag:
    plan_windows = PythonOperator(
        task_id="plan_windows",
        python_callable=trading_calendar.backfill_windows,
        op_kwargs={
            "start": "{{ params.start_date }}",
            "end": "{{ params.end_date }}",
            "window_trading_days": "{{ params.window_trading_days }}",
            "sql": artifacts.calendar_sql("trading_days"),
        },
        params=PARAMS,
    )

    extract = CloudRunExecuteJobOperator.partial(
        task_id="extract",
        project_id=CFG["project"],
        region=CFG["region"],
        job_name=CFG["extractor_job"],
        max_active_tis_per_dag=2,
    ).expand(overrides=plan_windows.output)

    silver = tasks.spark_batch(CFG, PARAMS, "silver")
    gold = tasks.spark_batch(CFG, PARAMS, "gold")

    warehouse = tasks.warehouse_group(CFG, PARAMS)
    # A backfill is triggered at any hour for a range: its data interval stands for no session, so the checks
    # that expect the session's data (freshness) are left out.
    checks = tasks.checks_group(CFG, PARAMS, include_session_date_checks=False)

    plan_windows >> extract >> silver >> gold >> warehouse >> checks
