"""The generated artefacts the DAGs run: dags/generated/, written by `lakehouse artifacts --out dags/generated`.

Nothing here invents SQL or job configuration: load configurations, MERGE statements, checks and Dataproc
batch templates are read verbatim from the generated files, which the C# code derives from schemas/. The
files are read at DAG parse time, so a missing artefact fails the DAG import loudly instead of a run.
"""
from __future__ import annotations

import copy
import json
import os
import re
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


def checks(include_run_date_checks: bool = True) -> list[dict]:
    """The warehouse checks: [{table, name, description, sql}], sql = SELECT COUNT(*) AS violations FROM (…).

    A check whose SQL uses the logical date (`{{ ds }}`, the freshness check) is only meaningful when the
    logical date is a session the run loaded: the backfill leaves those out.
    """
    entries = list(read_json(manifest()["checks"]))
    if include_run_date_checks:
        return entries
    return [c for c in entries if not uses_run_date(c["sql"])]


def uses_run_date(sql: str) -> bool:
    return re.search(r"{{\s*ds(_nodash)?\s*}}", sql) is not None


# The session date as SQL in a DAG whose trigger falls on the UTC day after the New York session: `ds` is the
# UTC date of the trigger, so the session is the day before it.
RUN_DATE_SQL = "DATE '{{ ds }}'"
PREVIOUS_UTC_DAY_SQL = "DATE_SUB(DATE '{{ ds }}', INTERVAL 1 DAY)"


def session_date_sql(sql: str, utc_day_after_session: bool) -> str:
    """`sql` with its logical-date literal moved to the session date when the DAG triggers after midnight UTC."""
    return sql.replace(RUN_DATE_SQL, PREVIOUS_UTC_DAY_SQL) if utc_day_after_session else sql


def batch(job: str) -> dict:
    """The generated Dataproc batch of the silver or gold job: {"batch_id", "region", "batch"}, Jinja
    templates with proto (snake_case) field names, as DataprocCreateBatchOperator takes them."""
    for entry in manifest()["dataproc"]:
        if entry["job"] == job:
            return read_json(entry["file"])
    raise KeyError(f"dags/generated/manifest.json has no Dataproc batch for the job '{job}'.")


# The Spark host's argument that names the run's quarantine files (lakehouse ... --run-id <id>).
RUN_ID_ARGUMENT = "--run-id"


def batch_resource(job: str, suffix: str) -> dict:
    """The Batch resource of one try of the job's task: the generated one with its run id set to the batch id
    the task submits (batch_id(job, suffix)), so every try and every rerun records its quarantine files under
    its own id instead of overwriting another's; and with the Terraform-managed staging bucket added to its
    execution config (the generated batch leaves it out, and Dataproc would otherwise create a bucket of its
    own)."""
    generated = batch(job)
    resource = copy.deepcopy(generated["batch"])
    args = resource["spark_batch"]["args"]
    if args.count(RUN_ID_ARGUMENT) != 1 or args.index(RUN_ID_ARGUMENT) + 1 >= len(args):
        raise ValueError(f"The generated {job} batch must pass {RUN_ID_ARGUMENT} <id> once; its arguments are {args}.")
    position = args.index(RUN_ID_ARGUMENT) + 1
    if args[position] != generated["batch_id"]:
        raise ValueError(
            f"The generated {job} batch passes {RUN_ID_ARGUMENT} '{args[position]}', not its batch id "
            f"'{generated['batch_id']}': regenerate dags/generated (make artifacts)."
        )
    args[position] = batch_id(job, suffix)
    execution = resource.setdefault("environment_config", {}).setdefault("execution_config", {})
    execution.setdefault("staging_bucket", "{{ params.staging_bucket }}")
    return resource


def batch_id(job: str, suffix: str) -> str:
    """The generated batch id of the job for the logical date (`lakehouse-<job>-{{ ds_nodash }}`) plus a
    suffix that makes every Airflow try a new batch: an existing id would attach the retry to the old,
    failed batch instead of running the job again."""
    return batch(job)["batch_id"] + suffix


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


def template_params(cfg: dict[str, str]) -> dict[str, str]:
    """The Jinja `params` of every task: the names the generated templates use (manifest "params"),
    filled from the Composer configuration, plus the ones only the DAGs use."""
    return {
        # manifest.json "params"
        "project": cfg["project"],
        "dataset": cfg["dataset"],
        "location": cfg["location"],
        "bucket": cfg["lake_bucket"],
        "region": cfg["region"],
        "container_image": cfg["spark_image"],
        "service_account": cfg["dataproc_service_account"],
        "subnetwork": cfg["dataproc_subnetwork"],
        # the DAGs' own
        "staging_bucket": cfg["staging_bucket"],
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
