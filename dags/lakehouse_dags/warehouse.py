"""Queries the DAG helpers run themselves (the calendar lookups, the warning-level checks), against BigQuery
as the loader service account. The SQL is always a generated artefact; this only sends it."""
from __future__ import annotations

from lakehouse_dags import config


def query_rows(sql: str, parameters: list[tuple[str, str, str]]) -> list[tuple]:
    """Runs a GoogleSQL query with named (name, type, value) parameters and returns its rows as tuples."""
    # Imported here so the module (and tests/dags) load without Airflow or the Google client libraries.
    from airflow.providers.google.cloud.hooks.bigquery import BigQueryHook
    from google.cloud import bigquery

    cfg = config.values()
    hook = BigQueryHook(
        use_legacy_sql=False,
        location=cfg["location"],
        impersonation_chain=cfg["bigquery_service_account"] or None,
    )
    client = hook.get_client(project_id=cfg["project"], location=cfg["location"])
    job_config = bigquery.QueryJobConfig(
        query_parameters=[bigquery.ScalarQueryParameter(n, t, v) for n, t, v in parameters],
        use_legacy_sql=False,
    )
    return [tuple(row.values()) for row in client.query(sql, job_config=job_config).result()]
