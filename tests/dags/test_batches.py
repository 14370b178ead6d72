"""lakehouse_dags/batches.py: a Spark task stops a batch an earlier try left running before it creates its own."""
from __future__ import annotations

import types
import unittest
from datetime import datetime

import support
from lakehouse_dags import artifacts, batches


class FakeDataprocHook:
    """A DataprocHook whose methods take exactly the keywords the provider's own take (provider_facts.json
    "hooks"), listing the given batches and recording what is cancelled and waited for."""

    def __init__(self, listed: list, ended_state: str = "CANCELLED") -> None:
        self.methods = support.provider_facts()["hooks"]["DataprocHook"]["methods"]
        self.listed = listed
        self.ended_state = ended_state
        self.filters: list[str] = []
        self.cancelled: list[str] = []
        self.waited: list[str] = []

    def _check(self, method: str, kwargs: dict) -> None:
        unknown = set(kwargs) - set(self.methods[method])
        if unknown:
            raise TypeError(f"DataprocHook.{method}() got unexpected keyword arguments {sorted(unknown)}")

    def list_batches(self, **kwargs):
        self._check("list_batches", kwargs)
        self.filters.append(kwargs["filter"])
        return iter(self.listed)

    def get_operations_client(self, region):
        self._check("get_operations_client", {"region": region})
        hook = self

        class Operations:
            def cancel_operation(self, name):
                hook.cancel_order = getattr(hook, "cancel_order", 0) + 1
                hook.cancelled.append(name)

        return Operations()

    def wait_for_batch(self, **kwargs):
        self._check("wait_for_batch", kwargs)
        self.waited.append(kwargs["batch_id"])
        return types.SimpleNamespace(state=types.SimpleNamespace(name=self.ended_state))


def batch(batch_id: str, state: str) -> types.SimpleNamespace:
    name = f"projects/p/locations/europe-west1/batches/{batch_id}"
    return types.SimpleNamespace(name=name, state=types.SimpleNamespace(name=state), operation=f"projects/p/regions/europe-west1/operations/op-{batch_id}")


LABELS = {"app": "stocklakehouse", "job": "silver", "session": "20250307"}


class ActiveFilterTests(unittest.TestCase):
    def test_the_filter_names_the_job_the_session_and_every_state_that_may_still_write(self) -> None:
        self.assertEqual(
            batches.active_filter(LABELS),
            "labels.app = stocklakehouse AND labels.job = silver AND labels.session = 20250307"
            " AND (state = PENDING OR state = RUNNING OR state = CANCELLING)",
        )

    def test_a_batch_without_its_identity_labels_is_refused(self) -> None:
        with self.assertRaisesRegex(ValueError, "no session label"):
            batches.active_filter({"app": "stocklakehouse", "job": "silver"})

    def test_every_generated_batch_carries_the_labels_the_filter_needs_once_rendered(self) -> None:
        # The labels come from the generated template: rendered for a Friday-evening run, they give the session date.
        context = support.context_for(datetime(2025, 3, 8, 1, 30), 2, {}, 7)
        for job in ("silver", "gold"):
            with self.subTest(job=job):
                labels = support.render_object(artifacts.batch(job)["batch"]["labels"], context)
                self.assertEqual({k: labels[k] for k in batches.IDENTITY_LABELS}, {"app": "stocklakehouse", "job": job, "session": "20250307"})
                self.assertIn("labels.session = 20250307", batches.active_filter(labels))


class StopActiveTests(unittest.TestCase):
    OWN = "lakehouse-silver-20250307-r7-t2"

    def test_a_running_batch_of_an_earlier_try_is_cancelled_and_waited_for(self) -> None:
        hook = FakeDataprocHook([batch("lakehouse-silver-20250307-r7-t1", "RUNNING")])
        stopped = batches.stop_active(hook, "p", "europe-west1", LABELS, self.OWN)
        self.assertEqual(stopped, ["lakehouse-silver-20250307-r7-t1"])
        self.assertEqual(hook.cancelled, ["projects/p/regions/europe-west1/operations/op-lakehouse-silver-20250307-r7-t1"])
        self.assertEqual(hook.waited, ["lakehouse-silver-20250307-r7-t1"])
        self.assertEqual(hook.filters, [batches.active_filter(LABELS)])

    def test_a_batch_already_cancelling_is_only_waited_for(self) -> None:
        hook = FakeDataprocHook([batch("lakehouse-silver-20250307-r5-t1", "CANCELLING")])
        self.assertEqual(batches.stop_active(hook, "p", "europe-west1", LABELS, self.OWN), ["lakehouse-silver-20250307-r5-t1"])
        self.assertEqual(hook.cancelled, [])
        self.assertEqual(hook.waited, ["lakehouse-silver-20250307-r5-t1"])

    def test_the_tasks_own_batch_is_left_alone(self) -> None:
        # A deferred task that resumes runs the hook again while its own batch may still be listed.
        hook = FakeDataprocHook([batch(self.OWN, "RUNNING")])
        self.assertEqual(batches.stop_active(hook, "p", "europe-west1", LABELS, self.OWN), [])
        self.assertEqual((hook.cancelled, hook.waited), ([], []))

    def test_nothing_running_creates_straight_away(self) -> None:
        hook = FakeDataprocHook([])
        self.assertEqual(batches.stop_active(hook, "p", "europe-west1", LABELS, self.OWN), [])
        self.assertEqual(len(hook.filters), 1)

    def test_a_failing_cancel_fails_the_hook_so_no_second_batch_starts(self) -> None:
        class Refusing(FakeDataprocHook):
            def get_operations_client(self, region):
                raise PermissionError("dataproc.operations.cancel denied")

        with self.assertRaises(PermissionError):
            batches.stop_active(Refusing([batch("lakehouse-silver-20250307-r7-t1", "RUNNING")]), "p", "europe-west1", LABELS, self.OWN)

    def test_the_fake_hook_refuses_a_keyword_the_provider_does_not_take(self) -> None:
        with self.assertRaisesRegex(TypeError, "filter_"):
            FakeDataprocHook([]).list_batches(region="r", project_id="p", filter_="x")


if __name__ == "__main__":
    unittest.main()
