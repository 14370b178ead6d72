"""The generated artefacts the DAGs run: dags/generated/, written by `lakehouse artifacts --out dags/generated`.

Nothing here invents SQL or job configuration: load configurations, MERGE statements, checks and Dataproc
batch templates are read verbatim from the generated files, which the C# code derives from schemas/. The
files are read at DAG parse time, so a missing artefact fails the DAG import loudly instead of a run.
"""
from __future__ import annotations

import json
import os
from functools import lru_cache

DAGS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GENERATED_DIR = os.path.join(DAGS_DIR, "generated")


def path(relative: str) -> str:
    """Absolute path of a generated file; fails with a sentence when it is missing."""
    full = os.path.normpath(os.path.join(GENERATED_DIR, relative))
    if not full.startswith(GENERATED_DIR + os.sep):
        raise ValueError(f"The artefact path '{relative}' leaves dags/generated.")
    if not os.path.isfile(full):
        raise FileNotFoundError(
            f"The generated artefact '{relative}' is missing from {GENERATED_DIR}: "
            "run `lakehouse artifacts --out dags/generated` and upload dags/generated with the DAGs."
        )
    return full


def read_text(relative: str) -> str:
    with open(path(relative), encoding="utf-8") as handle:
        return handle.read()


def read_json(relative: str):
    with open(path(relative), encoding="utf-8") as handle:
        return json.load(handle)


@lru_cache(maxsize=1)
def manifest() -> dict:
    """manifest.json: the tables in load order and the files that belong to each."""
    return read_json("manifest.json")


def tables() -> list[dict]:
    """The manifest's table entries, in load order (dimensions before facts)."""
    return list(manifest()["tables"])


def table_names() -> list[str]:
    return [entry["table"] for entry in tables()]


def table(name: str) -> dict:
    for entry in tables():
        if entry["table"] == name:
            return entry
    raise KeyError(f"The table '{name}' is not in dags/generated/manifest.json.")


def table_file(name: str, kind: str) -> str:
    """Relative path of one of a table's files (load, merge, schema) as the manifest lists it."""
    files = table(name).get("files", {})
    if kind not in files:
        raise KeyError(f"The manifest lists no '{kind}' file for the table '{name}'.")
    return files[kind]


def load_configuration(name: str) -> dict:
    """BigQuery load job configuration (Parquet from the lake into the DAG run's <table>_staging_r<run id>), a
    Jinja template."""
    return read_json(table_file(name, "load"))


def merge_sql(name: str) -> str:
    """MERGE of the DAG run's staging table into <table> by key, with {{ params.project }}, {{ params.dataset }}
    and {{ dag_run.id }}."""
    return read_text(table_file(name, "merge"))


def checks(include_session_date_checks: bool = True) -> list[dict]:
    """The warehouse checks: [{table, name, description, uses_session_date, sql}], sql = SELECT COUNT(*) AS
    violations FROM (…), templated with the session date (manifest "session_date").

    A check that uses the session date (the freshness check) is only meaningful in a run that stands for a
    session: the backfill, triggered at any hour for a range, leaves those out.
    """
    entries = list(read_json(manifest()["checks"]))
    if include_session_date_checks:
        return entries
    return [c for c in entries if not c["uses_session_date"]]


def warnings() -> list[dict]:
    """Warning-level checks (bigquery/warnings.json): [{table, name, description, uses_session_date,
    tolerance_trading_days, sql}], sql selecting the rows to report; they never fail a run."""
    return list(read_json(manifest()["warnings"]))


def session_date() -> str:
    """The session date as a template (yyyy-MM-dd once rendered): the New York date of the run's data interval
    end, as every generated artefact uses it."""
    return manifest()["session_date"]


def calendar_sql(name: str) -> str:
    """A generated trading-calendar lookup (bigquery/calendar.json): trading_day (@day) or trading_days
    (@start, @end), with {{ params.project }} and {{ params.dataset }}."""
    queries = read_json(manifest()["calendar"])
    if name not in queries:
        raise KeyError(f"dags/generated/bigquery/calendar.json has no query '{name}'.")
    return queries[name]


def batch(job: str) -> dict:
    """The generated Dataproc batch of the silver or gold job: {"batch_id", "region", "batch"}, Jinja
    templates with proto (snake_case) field names, as DataprocCreateBatchOperator takes them. The batch id is
    one per task try, and the batch's --run-id is the same id, so every try keeps its own quarantine files."""
    for entry in manifest()["dataproc"]:
        if entry["job"] == job:
            return read_json(entry["file"])
    raise KeyError(f"dags/generated/manifest.json has no Dataproc batch for the job '{job}'.")


def mart_names() -> list[str]:
    """The mart statements in creation order: the correlation symbols table, then the views (a view may
    use the ones before it)."""
    return [entry["name"] for entry in manifest()["marts"]]


def mart_sql(name: str) -> str:
    """CREATE OR REPLACE TABLE/VIEW statement of one mart, with {{ params.project }}/{{ params.dataset }}."""
    for entry in manifest()["marts"]:
        if entry["name"] == name:
            return read_text(entry["file"])
    raise KeyError(f"dags/generated/manifest.json has no mart '{name}'.")


def load_state_sql(kind: str) -> str:
    """A statement of the warehouse's load record (bigquery/load_state/): begin (before the loads), commit (after the
    marts), require_committed (0, or a query error saying the last load did not commit) or session_loaded (1 once
    a load of the session committed), with {{ params.project }}, {{ params.dataset }} and the session date."""
    files = manifest()["load_state"]
    if kind not in files:
        raise KeyError(f"dags/generated/manifest.json has no load_state statement '{kind}'.")
    return read_text(files[kind])


def template_params(cfg: dict[str, str]) -> dict[str, str]:
    """The Jinja `params` of every task: the names the generated templates use (manifest "params"), filled
    from the Composer configuration."""
    return {
        "project": cfg["project"],
        "dataset": cfg["dataset"],
        "location": cfg["location"],
        "bucket": cfg["lake_bucket"],
        "region": cfg["region"],
        "container_image": cfg["spark_image"],
        "service_account": cfg["dataproc_service_account"],
        "subnetwork": cfg["dataproc_subnetwork"],
    }


# The extractor's container in the Cloud Run job (terraform/cloud_run.tf).
EXTRACTOR_CONTAINER = "extractor"


# The source the scheduled extract reads (lakehouse extract --source).
EXTRACT_SOURCE = "yahoo"


def extract_args(start: str | None, end: str, bucket: str) -> list[str]:
    """Arguments of the extractor container, landing raw responses in the lake bucket (the same
    `--lake gs://<bucket>` the Spark host takes). With a start: a backfill of exactly [start, end]. Without:
    the daily mode, each symbol from its watermark minus the lookback up to end (a symbol new to the lake
    from two years before end), so late corrections arrive and a missed day is caught up."""
    # --allow-incomplete: a symbol the source rejects (delisted, unknown) must not stop the day's transforms; the
    # run manifest in the lake lists every request that landed nothing.
    lake = ["--lake", f"gs://{bucket}", "--allow-incomplete"]
    if start is None:
        return ["extract", "--source", EXTRACT_SOURCE, "--mode", "daily", *lake, "--to", end]
    return ["extract", "--source", EXTRACT_SOURCE, "--mode", "backfill", *lake, "--from", start, "--to", end]


def extract_overrides(start: str | None, end: str, bucket: str) -> dict:
    """CloudRunExecuteJobOperator overrides: one execution of `extract` up to end (see extract_args).

    Values only: overrides that reach a mapped task through XCom are not templated by Airflow, so the
    bucket is passed resolved, never as a Jinja placeholder (the dates may be `{{ ds }}` in the daily DAG).
    """
    return {
        "container_overrides": [
            {"name": EXTRACTOR_CONTAINER, "args": extract_args(start, end, bucket), "clear_args": False}
        ],
        "task_count": 1,
    }
