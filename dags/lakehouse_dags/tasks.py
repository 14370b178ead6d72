"""Task builders shared by the DAGs. They wire generated artefacts into operators; they compute nothing.

Imported only by the DAG files (it imports Airflow); tests/dags checks it at the AST level.
"""
from __future__ import annotations

from datetime import timedelta

from airflow.providers.google.cloud.operators.bigquery import (
    BigQueryCheckOperator,
    BigQueryInsertJobOperator,
    BigQueryValueCheckOperator,
)
from airflow.utils.task_group import TaskGroup

from lakehouse_dags import alerting, artifacts
from lakehouse_dags.trading_calendar import DIM_DATE


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


def warehouse_group(cfg: dict[str, str], params: dict[str, str]) -> TaskGroup:
    """Load every gold table into the run's own staging table (in parallel), then MERGE them in manifest order
    (dimensions before facts, so a reader never sees a fact without its dimension row), then (re)create the
    mart views. Loads truncate their staging table and MERGE updates only changed rows: a rerun of the
    same date changes nothing."""
    with TaskGroup(group_id="warehouse", tooltip="load, merge, marts") as group:
        previous_merge = None
        for name in artifacts.table_names():
            load = BigQueryInsertJobOperator(
                task_id=f"load_{name}",
                project_id=cfg["project"],
                configuration=artifacts.load_configuration(name),
                params=params,
                **bigquery_kwargs(cfg),
            )
            merge = BigQueryInsertJobOperator(
                task_id=f"merge_{name}",
                project_id=cfg["project"],
                configuration={"query": {"query": artifacts.merge_sql(name), "useLegacySql": False}},
                params=params,
                **bigquery_kwargs(cfg),
            )
            load >> merge
            if previous_merge is not None:
                previous_merge >> merge
            previous_merge = merge

        previous_view = previous_merge
        for view in artifacts.mart_names():
            mart = BigQueryInsertJobOperator(
                task_id=f"mart_{view}",
                project_id=cfg["project"],
                configuration={"query": {"query": artifacts.mart_sql(view), "useLegacySql": False}},
                params=params,
                **bigquery_kwargs(cfg),
            )
            previous_view >> mart
            previous_view = mart
    return group


def checks_group(
    cfg: dict[str, str], params: dict[str, str], include_run_date_checks: bool = True, utc_day_after_session: bool = False
) -> TaskGroup:
    """One BigQueryValueCheckOperator per generated check: its SQL counts violating rows and must return 0.
    (BigQueryCheckOperator would be wrong here: it fails on a falsy first row, and 0 violations is falsy.)
    utc_day_after_session: the DAG triggers after midnight UTC, so the session is the day before `ds`."""
    with TaskGroup(group_id="checks", tooltip="data-quality checks from generated/bigquery/checks.json") as group:
        for check in artifacts.checks(include_run_date_checks):
            BigQueryValueCheckOperator(
                task_id=f"{check['table']}__{check['name']}",
                doc=check.get("description"),
                sql=artifacts.session_date_sql(check["sql"], utc_day_after_session),
                pass_value=0,
                use_legacy_sql=False,
                params=params,
                **bigquery_kwargs(cfg),
            )
    return group


def freshness_group(cfg: dict[str, str], params: dict[str, str], utc_day_after_session: bool = False) -> TaskGroup:
    """Every date-partitioned gold table holds the last NYSE session on or before the logical date.
    The table and its date column come from the manifest (its partitioning field); the last session from
    dim_date. The check returns one boolean, so BigQueryCheckOperator is the right operator."""
    with TaskGroup(group_id="freshness", tooltip="latest partition date vs the NYSE calendar") as group:
        for entry in artifacts.tables():
            partitioning = entry.get("partitioning")
            if not partitioning:
                continue
            column = partitioning["field"]
            BigQueryCheckOperator(
                task_id=f"{entry['table']}__fresh",
                doc=f"MAX({column}) of {entry['table']} is the last trading day on or before the logical date.",
                sql=artifacts.session_date_sql(
                    f"SELECT MAX(t.{column}) >= ("
                    f"SELECT MAX(d.full_date) FROM `{{{{ params.project }}}}.{{{{ params.dataset }}}}.{DIM_DATE}` d "
                    f"WHERE d.is_trading_day AND d.full_date <= {artifacts.RUN_DATE_SQL}) AS fresh "
                    f"FROM `{{{{ params.project }}}}.{{{{ params.dataset }}}}.{entry['table']}` t",
                    utc_day_after_session,
                ),
                use_legacy_sql=False,
                params=params,
                **bigquery_kwargs(cfg),
            )
    return group
