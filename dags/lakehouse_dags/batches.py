"""Stops a Dataproc batch an earlier try left running before a Spark task creates its own.

A try that hits its execution_timeout (or whose worker is lost) while its deferred batch still runs leaves that
batch writing the job's lake partitions; the retry would start a second batch writing the same partitions. Every
generated batch carries the labels app, job and session (dags/generated/dataproc/<job>.batch.json), so the
Spark tasks' pre_execute hook (BaseOperator's: an exception in it keeps the task from executing) lists the batches of the same job and session that are still active
(batches.list with a label filter), cancels each (its long-running operation, as Dataproc has no batches.cancel)
and waits for it to end; only then does the operator create its batch, and if that fails the try fails instead of
creating one. The task's own batch is never touched (a deferred task resuming runs the hook again). Standard library only at import time.
"""
from __future__ import annotations

import logging

log = logging.getLogger("airflow.task")

# The labels that identify a batch's job and session, as the generated batches set them.
IDENTITY_LABELS = ("app", "job", "session")

# Batch.State values of a batch that may still write (dataproc.v1 Batch.State).
ACTIVE_STATES = ("PENDING", "RUNNING", "CANCELLING")

# Seconds between two looks at a cancelled batch until it ends.
WAIT_CHECK_INTERVAL = 15


def active_filter(labels: dict[str, str]) -> str:
    """The batches.list filter for the still-active batches with the same app, job and session labels.

    Filter syntax (AIP-160, ListBatchesRequest.filter): supported fields are batch_id, batch_uuid, state,
    create_time and labels; clauses combine with AND/OR, and the parentheses keep the states together."""
    missing = [key for key in IDENTITY_LABELS if not labels.get(key)]
    if missing:
        raise ValueError(f"The batch has no {', '.join(missing)} label, so its running predecessors cannot be found.")
    states = " OR ".join(f"state = {state}" for state in ACTIVE_STATES)
    return " AND ".join(f"labels.{key} = {labels[key]}" for key in IDENTITY_LABELS) + f" AND ({states})"


def batch_id_of(name: str) -> str:
    """The id at the end of a batch's resource name, projects/<p>/locations/<r>/batches/<id>."""
    return name.rsplit("/", 1)[-1]


def stop_active(hook, project_id: str, region: str, labels: dict[str, str], own_batch_id: str) -> list[str]:
    """Cancels every active batch of the same job and session other than `own_batch_id` and waits until each has
    ended; returns their ids. `hook` is a DataprocHook (list_batches, get_operations_client, wait_for_batch)."""
    stopped = []
    for batch in hook.list_batches(region=region, project_id=project_id, filter=active_filter(labels)):
        batch_id = batch_id_of(batch.name)
        if batch_id == own_batch_id:
            continue
        state = getattr(batch.state, "name", str(batch.state))
        log.warning("Batch %s of the same job and session is still %s; cancelling it before a new batch starts.", batch_id, state)
        if state != "CANCELLING":
            hook.get_operations_client(region).cancel_operation(name=batch.operation)
        ended = hook.wait_for_batch(
            batch_id=batch_id, region=region, project_id=project_id, wait_check_interval=WAIT_CHECK_INTERVAL
        )
        log.info("Batch %s ended as %s.", batch_id, getattr(ended.state, "name", ended.state))
        stopped.append(batch_id)
    return stopped


def stop_predecessors(context: dict) -> None:
    """pre_execute hook of the Spark tasks: runs after the task's fields are rendered, right before execute."""
    # Imported here so the module (and tests/dags) load without Airflow or the Google client libraries.
    from airflow.providers.google.cloud.hooks.dataproc import DataprocHook

    task = context["task"]
    hook = DataprocHook(gcp_conn_id=task.gcp_conn_id, impersonation_chain=task.impersonation_chain)
    stop_active(hook, task.project_id, task.region, task.batch["labels"], task.batch_id)
