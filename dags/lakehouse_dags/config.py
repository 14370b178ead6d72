"""Where the DAGs run: the values Terraform writes into the Composer environment (terraform/composer.tf).

Read once at parse time from environment variables, so the same DAG files deploy to any project. A missing
value does not break parsing (the DAGs must always load); the first task of every DAG calls
`require_complete()` and fails with the names of the missing variables.
"""
from __future__ import annotations

import os

# Environment variable -> key in `values()` (also the Jinja `params.<key>` name the DAGs pass on).
VARIABLES = {
    "LAKEHOUSE_PROJECT": "project",
    "LAKEHOUSE_REGION": "region",
    "LAKEHOUSE_BQ_LOCATION": "location",
    "LAKEHOUSE_BQ_DATASET": "dataset",
    "LAKEHOUSE_BQ_SA": "bigquery_service_account",
    "LAKEHOUSE_LAKE_BUCKET": "lake_bucket",
    "LAKEHOUSE_EXTRACTOR_JOB": "extractor_job",
    "LAKEHOUSE_DATAPROC_SA": "dataproc_service_account",
    "LAKEHOUSE_DATAPROC_SUBNET": "dataproc_subnetwork",
    "LAKEHOUSE_SPARK_IMAGE": "spark_image",
    "LAKEHOUSE_ALERT_EMAIL": "alert_email",
}

# Optional: an empty value is a valid configuration.
OPTIONAL = {"LAKEHOUSE_ALERT_EMAIL"}


def values(environ: dict[str, str] | None = None) -> dict[str, str]:
    """Every configuration value by key; missing ones are empty strings."""
    environ = os.environ if environ is None else environ
    return {key: environ.get(name, "") for name, key in VARIABLES.items()}


def missing(environ: dict[str, str] | None = None) -> list[str]:
    """Names of the required environment variables that are unset or empty."""
    environ = os.environ if environ is None else environ
    return [name for name in VARIABLES if name not in OPTIONAL and not environ.get(name)]


def require_complete(environ: dict[str, str] | None = None) -> None:
    """Fails with a sentence naming every missing variable; called by the first task of each DAG."""
    names = missing(environ)
    if names:
        raise RuntimeError(
            "The Composer environment lacks the StockLakehouse configuration variables "
            + ", ".join(names)
            + ": apply terraform/ (composer.tf sets them) or set them under Environment variables."
        )
