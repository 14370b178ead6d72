"""Task builders shared by the DAGs. They wire generated artefacts into operators; they compute nothing and
hold no SQL: every statement, job configuration and batch comes from dags/generated/ as written.

Imported only by the DAG files (it imports Airflow); tests/dags executes it against stand-ins whose
arguments and template fields are those of the real operators (tests/dags/provider_facts.json).
"""
from __future__ import annotations

from datetime import timedelta

from airflow.operators.python import PythonOperator
from airflow.providers.google.cloud.operators.bigquery import BigQueryInsertJobOperator, BigQueryValueCheckOperator
from airflow.providers.google.cloud.operators.dataproc import DataprocCreateBatchOperator
from airflow.sensors.python import PythonSensor
from airflow.utils.task_group import TaskGroup

from lakehouse_dags import alerting, artifacts, batches, reporting

# The one-slot Airflow pool of every step that rewrites lake partitions or warehouse tables (the Spark batches,
# loads, MERGEs and marts), so a backfill and a daily run never write the same partitions or tables at once.
# terraform/composer.tf creates it (terraform_data.airflow_pool).
WRITES_POOL = "lakehouse_writes"

WAREHOUSE_GROUP = "warehouse"


def default_args() -> dict:
    """Retries with backoff, a timeout per task and the alert callback, for every task of every DAG."""
    return {
        "owner": "stocklakehouse",
        "depends_on_past": False,
        "retries": 2,
        "retry_delay": timedelta(minutes=5),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(minutes=30),
        "execution_timeout": timedelta(hours=3),
        "on_failure_callback": alerting.on_failure,
    }


def bigquery_kwargs(cfg: dict[str, str]) -> dict:
    """Where and as whom every BigQuery task runs: the dataset's location, as the loader service account."""
    return {
        "location": cfg["location"],
        "impersonation_chain": cfg["bigquery_service_account"] or None,
    }


def spark_batch(cfg: dict[str, str], params: dict[str, str], job: str) -> DataprocCreateBatchOperator:
    """The generated Dataproc batch of `job`, as it is. Deferrable: the wait for the batch runs in the
    triggerer, so a lost worker does not fail the try. A try that still ends while its batch runs (execution
    timeout, a killed task) leaves that batch running: before every try creates its batch, its pre_execute hook
    cancels any active batch of the same job and session and waits for it to end (lakehouse_dags/batches.py),
    so a retry never writes the same partitions beside it."""
    generated = artifacts.batch(job)
    return DataprocCreateBatchOperator(
        task_id=job,
        project_id=cfg["project"],
        region=cfg["region"],
        batch=generated["batch"],
        batch_id=generated["batch_id"],
        deferrable=True,
        pool=WRITES_POOL,
        pre_execute=batches.stop_predecessors,
        params=params,
    )


def warehouse_group(cfg: dict[str, str], params: dict[str, str]) -> TaskGroup:
    """Record the load as started (load_state, not committed), load every gold table into the run's own staging
    table (in parallel), then MERGE them in manifest order (dimensions before facts, so a reader never sees a
    fact without its dimension row), then (re)create the mart views, then record the load committed, last of
    all: a run stopped anywhere in between leaves a record the checks refuse, as `lakehouse load` does. Loads
    truncate their staging table and MERGE updates only changed rows: a rerun of the same date changes nothing."""
    with TaskGroup(group_id=WAREHOUSE_GROUP, tooltip="load record, load, merge, marts, commit") as group:
        begin = _query(cfg, params, "begin_load", artifacts.load_state_sql("begin"))
        previous_merge = None
        for name in artifacts.table_names():
            load = BigQueryInsertJobOperator(
                task_id=f"load_{name}",
                project_id=cfg["project"],
                configuration=artifacts.load_configuration(name),
                pool=WRITES_POOL,
                params=params,
                **bigquery_kwargs(cfg),
            )
            merge = BigQueryInsertJobOperator(
                task_id=f"merge_{name}",
                project_id=cfg["project"],
                configuration={"query": {"query": artifacts.merge_sql(name), "useLegacySql": False}},
                pool=WRITES_POOL,
                params=params,
                **bigquery_kwargs(cfg),
            )
            begin >> load >> merge
            if previous_merge is not None:
                previous_merge >> merge
            previous_merge = merge

        previous_view = previous_merge
        for view in artifacts.mart_names():
            mart = _query(cfg, params, f"mart_{view}", artifacts.mart_sql(view))
            previous_view >> mart
            previous_view = mart
        previous_view >> _query(cfg, params, "commit_load", artifacts.load_state_sql("commit"))
    return group


def _query(cfg: dict[str, str], params: dict[str, str], task_id: str, sql: str) -> BigQueryInsertJobOperator:
    """A generated statement or script run as one GoogleSQL query job, in the one-slot writes pool."""
    return BigQueryInsertJobOperator(
        task_id=task_id,
        project_id=cfg["project"],
        configuration={"query": {"query": sql, "useLegacySql": False}},
        pool=WRITES_POOL,
        params=params,
        **bigquery_kwargs(cfg),
    )


def checks_group(cfg: dict[str, str], params: dict[str, str], include_session_date_checks: bool = True) -> TaskGroup:
    """First load_committed: the warehouse's last load must have committed (load_state), or the query fails saying
    it did not and no check runs against part-loaded tables. Then one BigQueryValueCheckOperator per generated
    check, freshness and marts_exist included: its SQL counts violating rows and must return 0.
    (BigQueryCheckOperator would be wrong here: it fails on a falsy first row, and 0 violations is falsy.) The
    session date inside the SQL is the generated template's own."""
    with TaskGroup(group_id="checks", tooltip="data-quality checks from generated/bigquery/checks.json") as group:
        committed = BigQueryValueCheckOperator(
            task_id="load_committed",
            doc="The warehouse's last load committed (load_state); otherwise the query fails saying so.",
            sql=artifacts.load_state_sql("require_committed"),
            pass_value=0,
            use_legacy_sql=False,
            params=params,
            **bigquery_kwargs(cfg),
        )
        for check in artifacts.checks(include_session_date_checks):
            committed >> BigQueryValueCheckOperator(
                task_id=f"{check['table']}__{check['name']}",
                doc=check["description"],
                sql=check["sql"],
                pass_value=0,
                use_legacy_sql=False,
                params=params,
                **bigquery_kwargs(cfg),
            )
    return group


def warnings_group(params: dict[str, str]) -> TaskGroup:
    """One task per generated warning-level check (the per-symbol freshness): it runs the SQL, logs what it
    selects as one LAKEHOUSE_WARNING line, and succeeds whatever it finds."""
    with TaskGroup(group_id="warnings", tooltip="warning-level checks from generated/bigquery/warnings.json") as group:
        for check in artifacts.warnings():
            PythonOperator(
                task_id=f"{check['table']}__{check['name']}",
                doc=check["description"],
                python_callable=reporting.report_rows,
                op_kwargs={"check": f"{check['table']}.{check['name']}", "sql": check["sql"]},
                params=params,
            )
    return group


def wait_for_session_load(params: dict[str, str], timeout: timedelta) -> PythonSensor:
    """Waits until a load of the run's session has committed in the warehouse (load_state, the generated
    session_loaded query): whichever run wrote it — the scheduled daily run, a manual one, a rerun, a backfill
    triggered that day — so no check reads a day still being merged. Rescheduled between pokes; fails after
    `timeout` (a load that failed or never ran)."""
    return PythonSensor(
        task_id="wait_for_session_load",
        python_callable=reporting.session_loaded,
        op_kwargs={"sql": artifacts.load_state_sql("session_loaded")},
        params=params,
        mode="reschedule",
        poke_interval=300,
        timeout=int(timeout.total_seconds()),
    )
