"""The DAG files executed against fake Airflow classes (fake_airflow.py): the task graphs they build from
dags/generated, task by task and edge by edge; what Airflow renders (template fields only); and the nested
payloads against their REST schemas (fixtures/rest_schemas.json)."""
from __future__ import annotations

import json
import re
import unittest
from datetime import datetime, timezone
from unittest import mock
from zoneinfo import ZoneInfo

import fake_airflow
import support
from support import DAG_FILES, GENERATED_DIR

NEW_YORK = ZoneInfo("America/New_York")

ENVIRONMENT = {
    "LAKEHOUSE_PROJECT": "my-project",
    "LAKEHOUSE_REGION": "us-central1",
    "LAKEHOUSE_BQ_LOCATION": "us-central1",
    "LAKEHOUSE_BQ_DATASET": "stock_lakehouse",
    "LAKEHOUSE_BQ_SA": "lakehouse-bq-loader@my-project.iam.gserviceaccount.com",
    "LAKEHOUSE_LAKE_BUCKET": "my-project-lakehouse-lake",
    "LAKEHOUSE_EXTRACTOR_JOB": "lakehouse-extractor",
    "LAKEHOUSE_DATAPROC_SA": "lakehouse-dataproc@my-project.iam.gserviceaccount.com",
    "LAKEHOUSE_DATAPROC_SUBNET": "projects/my-project/regions/us-central1/subnetworks/lakehouse-dataproc",
    "LAKEHOUSE_SPARK_IMAGE": "us-central1-docker.pkg.dev/my-project/lakehouse-images/spark-dotnet:1",
    "LAKEHOUSE_ALERT_EMAIL": "",
}


@unittest.skipUnless((GENERATED_DIR / "manifest.json").is_file(), "dags/generated is missing")
class DagGraphTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        from lakehouse_dags import artifacts

        artifacts.manifest.cache_clear()
        cls.artifacts = artifacts
        cls.dags = {}
        cls.facts = support.provider_facts()
        with mock.patch.dict("os.environ", ENVIRONMENT), fake_airflow.installed(cls.facts, support.operator_parameters):
            for dag_id, path in DAG_FILES.items():
                cls.dags[dag_id] = fake_airflow.load_dag(path)
            from lakehouse_dags import reporting, tasks

            cls.tasks = tasks
            cls.reporting = reporting

    def graph(self, dag_id: str) -> fake_airflow.Graph:
        return self.dags[dag_id].graph

    def expected_warehouse(self) -> tuple[set[str], set[tuple[str, str]]]:
        tables = self.artifacts.table_names()
        marts = self.artifacts.mart_names()
        tasks = {f"warehouse.load_{t}" for t in tables} | {f"warehouse.merge_{t}" for t in tables}
        tasks |= {f"warehouse.mart_{m}" for m in marts} | {"warehouse.begin_load", "warehouse.commit_load"}
        edges = {(f"warehouse.load_{t}", f"warehouse.merge_{t}") for t in tables}
        edges |= {("warehouse.begin_load", f"warehouse.load_{t}") for t in tables}
        chain = [f"warehouse.merge_{t}" for t in tables] + [f"warehouse.mart_{m}" for m in marts] + ["warehouse.commit_load"]
        edges |= set(zip(chain, chain[1:]))
        return tasks, edges

    def expected_checks(self, include_session_date_checks: bool = True) -> tuple[set[str], set[tuple[str, str]]]:
        """The checks group: load_committed first, then every generated check after it."""
        checks = {f"checks.{c['table']}__{c['name']}" for c in self.artifacts.checks(include_session_date_checks)}
        return checks | {"checks.load_committed"}, {("checks.load_committed", c) for c in checks}

    def test_every_dag_builds_with_its_id(self) -> None:
        self.assertEqual({d.dag_id for d in self.dags.values()}, set(DAG_FILES))

    def test_daily_graph_task_by_task_and_edge_by_edge(self) -> None:
        graph = self.graph("stock_lakehouse_daily")
        warehouse_tasks, warehouse_edges = self.expected_warehouse()
        checks, check_edges = self.expected_checks()
        self.assertEqual(set(graph.tasks), {"is_trading_day", "extract", "silver", "gold"} | warehouse_tasks | checks)
        # The group's roots follow the previous step: begin_load after gold, load_committed after commit_load.
        expected = {("is_trading_day", "extract"), ("extract", "silver"), ("silver", "gold"), ("gold", "warehouse.begin_load")}
        expected |= warehouse_edges | {("warehouse.commit_load", "checks.load_committed")} | check_edges
        self.assertEqual(graph.edges, expected)

    def test_backfill_graph_maps_the_extract_and_leaves_out_session_date_checks(self) -> None:
        graph = self.graph("stock_lakehouse_backfill")
        checks, _ = self.expected_checks(include_session_date_checks=False)
        self.assertLess(len(checks), len(self.artifacts.checks()) + 1, "the freshness check is left out")
        warehouse_tasks, _ = self.expected_warehouse()
        self.assertEqual(set(graph.tasks), {"plan_windows", "extract", "silver", "gold"} | warehouse_tasks | checks)
        extract = graph.tasks["extract"]
        self.assertIsInstance(extract.mapped_over["overrides"], fake_airflow.XComArg)
        self.assertIs(extract.mapped_over["overrides"].operator, graph.tasks["plan_windows"])
        self.assertIn(("plan_windows", "extract"), graph.edges)
        self.assertIn(("extract", "silver"), graph.edges)

    def test_data_quality_waits_for_the_sessions_committed_load_then_runs_checks_and_warnings(self) -> None:
        graph = self.graph("stock_lakehouse_data_quality")
        checks, check_edges = self.expected_checks()
        warnings = {f"warnings.{c['table']}__{c['name']}" for c in self.artifacts.warnings()}
        self.assertIn("checks.fact_stock_price__fresh", checks, "the table-level freshness check fails the run")
        self.assertIn("checks.marts__marts_exist", checks)
        self.assertEqual(warnings, {"warnings.fact_stock_price__symbol_fresh"})
        self.assertEqual(set(graph.tasks), {"configured", "is_trading_day", "wait_for_session_load"} | checks | warnings)
        self.assertEqual(
            graph.edges,
            {("configured", "is_trading_day"), ("is_trading_day", "wait_for_session_load"),
             ("wait_for_session_load", "checks.load_committed")}
            | {("wait_for_session_load", t) for t in warnings} | check_edges,
        )
        wait = graph.tasks["wait_for_session_load"]
        self.assertIs(wait.kwargs["python_callable"], self.reporting.session_loaded)
        self.assertEqual(wait.kwargs["op_kwargs"], {"sql": self.artifacts.load_state_sql("session_loaded")})
        self.assertEqual(wait.kwargs["mode"], "reschedule")
        self.assertEqual(wait.kwargs["timeout"], 6 * 3600)

    def test_a_manual_run_of_the_day_counts_for_the_data_quality_wait(self) -> None:
        # The sensor's query looks for a committed load whose run id starts with the session date: render both
        # sides for a scheduled data-quality run and for a daily run triggered by hand at 23:10 New York (04:10 UTC
        # the next day), and the record the manual run writes matches what the sensor waits for.
        quality = self.graph("stock_lakehouse_data_quality").tasks["wait_for_session_load"]
        begin = self.graph("stock_lakehouse_daily").tasks["warehouse.begin_load"]
        scheduled = datetime(2025, 3, 7, 21, 0, tzinfo=NEW_YORK).astimezone(timezone.utc)
        manual = datetime(2025, 3, 8, 4, 10, tzinfo=timezone.utc)
        sensor_sql = self.rendered(quality, scheduled, 11)["op_kwargs"]["sql"]
        record_sql = self.rendered(begin, manual, 4711)["configuration"]["query"]["query"]
        prefix = re.search(r"STARTS_WITH\(last_load.`run_id`, '([^']*)'\)", sensor_sql).group(1)
        run_id = re.search(r"VALUES \('([^']*)', FALSE", record_sql).group(1)
        self.assertEqual((prefix, run_id), ("20250307-", "20250307-r4711"))
        self.assertTrue(run_id.startswith(prefix))
        # A run of the next session does not count for this one.
        next_day = datetime(2025, 3, 10, 22, 40, tzinfo=timezone.utc)
        other = self.rendered(begin, next_day, 4712)["configuration"]["query"]["query"]
        self.assertFalse(re.search(r"VALUES \('([^']*)'", other).group(1).startswith(prefix))

    @staticmethod
    def rendered(task, moment: datetime, dag_run_id: int) -> dict:
        """The task's template fields as Airflow renders them for a run whose data interval ends at `moment`."""
        context = support.context_for(moment, 1, task.kwargs["params"], dag_run_id, interval_end=moment)
        return support.render_object(task.templated(), context)

    def test_the_sensor_succeeds_only_on_a_committed_load_of_the_session(self) -> None:
        for rows, expected in (([(1,)], True), ([(0,)], False), ([], False)):
            with self.subTest(rows=rows), mock.patch.object(self.reporting.warehouse, "query_rows", return_value=rows) as query:
                self.assertIs(self.reporting.session_loaded("SELECT 1"), expected)
                query.assert_called_once_with("SELECT 1", [])

    def test_spark_and_warehouse_steps_share_the_one_slot_pool(self) -> None:
        for dag_id in ("stock_lakehouse_daily", "stock_lakehouse_backfill"):
            for task_id, task in self.graph(dag_id).tasks.items():
                writes = task_id in ("silver", "gold") or task_id.startswith("warehouse.")
                with self.subTest(dag=dag_id, task=task_id):
                    self.assertEqual(task.kwargs.get("pool"), self.tasks.WRITES_POOL if writes else None)

    def test_every_spark_task_stops_a_batch_left_running_before_it_creates_its_own(self) -> None:
        from lakehouse_dags import batches

        for dag_id in ("stock_lakehouse_daily", "stock_lakehouse_backfill"):
            for task_id in ("silver", "gold"):
                with self.subTest(dag=dag_id, task=task_id):
                    self.assertIs(self.graph(dag_id).tasks[task_id].kwargs["pre_execute"], batches.stop_predecessors)

    def test_spark_batches_are_deferrable_and_exactly_the_generated_ones(self) -> None:
        for dag_id in ("stock_lakehouse_daily", "stock_lakehouse_backfill"):
            for job in ("silver", "gold"):
                task = self.graph(dag_id).tasks[job].kwargs
                generated = self.artifacts.batch(job)
                with self.subTest(dag=dag_id, job=job):
                    self.assertIs(task["deferrable"], True)
                    self.assertEqual((task["batch"], task["batch_id"]), (generated["batch"], generated["batch_id"]))

    def test_operators_get_the_configuration_and_the_generated_artefacts(self) -> None:
        daily = self.graph("stock_lakehouse_daily").tasks
        extract = daily["extract"].kwargs
        self.assertEqual((extract["project_id"], extract["region"], extract["job_name"]),
                         ("my-project", "us-central1", "lakehouse-extractor"))
        self.assertEqual(
            extract["overrides"]["container_overrides"][0]["args"],
            ["extract", "--source", "yahoo", "--mode", "daily", "--lake", "gs://my-project-lakehouse-lake",
             "--allow-incomplete", "--to", self.artifacts.session_date()],
        )
        silver = daily["silver"].kwargs
        self.assertEqual(silver["params"]["bucket"], "my-project-lakehouse-lake")
        table = self.artifacts.table_names()[0]
        load = daily[f"warehouse.load_{table}"].kwargs
        self.assertEqual(load["configuration"], self.artifacts.load_configuration(table))
        self.assertEqual(load["impersonation_chain"], ENVIRONMENT["LAKEHOUSE_BQ_SA"])
        self.assertEqual(load["location"], "us-central1")
        merge = daily[f"warehouse.merge_{table}"].kwargs["configuration"]["query"]
        self.assertEqual(merge, {"query": self.artifacts.merge_sql(table), "useLegacySql": False})
        for task_id, task in daily.items():
            if task_id.startswith("checks."):
                with self.subTest(check=task_id):
                    self.assertEqual((task.kwargs["pass_value"], task.kwargs["use_legacy_sql"]), (0, False))

    def test_a_friday_evening_manual_run_is_fridays_session(self) -> None:
        # Triggered by hand at 20:15 New York on Friday 2025-01-03: 01:15 UTC on Saturday, so `ds` is Saturday;
        # the data interval of a manual run ends at the trigger moment, whose New York date is Friday.
        moment = datetime(2025, 1, 3, 20, 15, tzinfo=NEW_YORK).astimezone(timezone.utc)
        context = support.context_for(moment, 1, dict(self.graph("stock_lakehouse_daily").tasks["silver"].kwargs["params"]), 41)
        self.assertEqual(context["ds"], "2025-01-04")
        daily = self.graph("stock_lakehouse_daily").tasks
        gate = support.render_object(daily["is_trading_day"].templated(), context)
        self.assertEqual(gate["op_kwargs"]["day"], "2025-01-03")
        args = support.render_object(daily["silver"].templated(), context)["batch"]["spark_batch"]["args"]
        self.assertEqual(args[args.index("--date") + 1], "2025-01-03")
        extract = support.render_object(daily["extract"].templated(), context)["overrides"]
        self.assertEqual(extract["container_overrides"][0]["args"][-1], "2025-01-03")
        fresh = support.render_object(daily["checks.fact_stock_price__fresh"].templated(), context)["sql"]
        self.assertIn("DATE '2025-01-03'", fresh)
        self.assertNotIn("2025-01-04", fresh)

    def test_every_spark_batch_records_its_quarantine_under_its_own_batch_id(self) -> None:
        # The host names the run's quarantine files after --run-id: a per-date id would let a retry or a rerun of
        # the same date overwrite the quarantine files of the try before it.
        batches = [(dag_id, task_id, task) for dag_id, dag in self.dags.items()
                   for task_id, task in dag.graph.tasks.items() if "batch_id" in task.kwargs]
        self.assertEqual(len(batches), 4, "silver and gold in the daily and backfill DAGs")
        rendered = set()
        for run_id, (dag_id, task_id, task) in enumerate(batches, start=100):
            for try_number in (1, 2):
                context = support.context_for(datetime(2024, 2, 29, 23, 30), try_number, task.kwargs["params"], run_id)
                templated = support.render_object(task.templated(), context)
                args = templated["batch"]["spark_batch"]["args"]
                with self.subTest(dag=dag_id, task=task_id, try_number=try_number):
                    self.assertEqual(args.count("--run-id"), 1)
                    self.assertEqual(args[args.index("--run-id") + 1], templated["batch_id"])
                rendered.add(templated["batch_id"])
        self.assertEqual(len(rendered), 2 * len(batches), "every task and try has a batch id of its own")

    def test_every_template_sits_in_a_template_field_and_renders(self) -> None:
        # Airflow renders only an operator's template_fields: a placeholder anywhere else reaches the API as is.
        for dag_id, dag in self.dags.items():
            dag_params = {k: p.default for k, p in dag.kwargs.get("params", {}).items()}
            for task_id, task in dag.graph.tasks.items():
                params = {**dag_params, **task.kwargs.get("params", {})}
                context = support.context_for(datetime(2024, 2, 29, 23, 30), 2, params)
                untemplated = {k: v for k, v in task.kwargs.items() if k not in task.TEMPLATE_FIELDS and k != "params"}
                with self.subTest(dag=dag_id, task=task_id):
                    self.assertNotIn("{{", json.dumps(untemplated, default=repr))
                    self.assertNotIn("{{", json.dumps(support.render_object(task.templated(), context), default=repr))

    def test_nested_payloads_match_their_rest_schemas_before_and_after_rendering(self) -> None:
        schemas = support.rest_schemas()
        checked = set()
        for dag_id, dag in self.dags.items():
            for task_id, task in dag.graph.tasks.items():
                payloads = self.facts["operators"][type(task).__name__]["payloads"]
                context = support.context_for(datetime(2024, 2, 29, 23, 30), 1, task.kwargs.get("params", {}))
                for argument, message in payloads.items():
                    if argument not in task.kwargs:
                        continue
                    checked.add(message)
                    with self.subTest(dag=dag_id, task=task_id, argument=argument):
                        self.assertEqual(support.payload_errors(task.kwargs[argument], message, schemas), [])
                        rendered = support.render_object(task.kwargs[argument], context)
                        self.assertEqual(support.payload_errors(rendered, message, schemas), [])
        # The backfill's mapped extract gets its overrides from the planner at run time.
        planned = self.artifacts.extract_overrides("2024-01-02", "2024-03-28", "my-project-lakehouse-lake")
        self.assertEqual(support.payload_errors(planned, "run.v2.RunJobRequest.Overrides", schemas), [])
        self.assertEqual(checked, {"dataproc.v1.Batch", "run.v2.RunJobRequest.Overrides", "bigquery.v2.JobConfiguration"})

    def test_the_payload_check_finds_what_the_apis_would_refuse(self) -> None:
        schemas = support.rest_schemas()
        batch = json.loads(json.dumps(self.artifacts.batch("silver")["batch"]))
        batch["environment_config"]["execution_config"]["stagingBucket"] = "camel-case-is-not-a-proto-name"
        batch["runtime_config"]["properties"]["spark.x"] = 1
        batch["environment_config"]["execution_config"]["network_uri"] = "projects/p/global/networks/n"
        batch["environment_config"]["execution_config"]["authentication_config"]["user_workload_authentication_type"] = "SA"
        errors = support.payload_errors(batch, "dataproc.v1.Batch", schemas)
        self.assertEqual(len(errors), 4, errors)
        load = json.loads(json.dumps(self.artifacts.load_configuration(self.artifacts.table_names()[0])))
        load["load"]["writeDisposition"] = "TRUNCATE"
        del load["load"]["destinationTable"]["tableId"]
        load["query"] = {"query": "SELECT 1"}
        self.assertEqual(len(support.payload_errors(load, "bigquery.v2.JobConfiguration", schemas)), 3)


if __name__ == "__main__":
    unittest.main()
