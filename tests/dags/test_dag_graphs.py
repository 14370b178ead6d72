"""The DAG files executed against fake Airflow classes (fake_airflow.py): the task graphs they build from
dags/generated, task by task and edge by edge."""
from __future__ import annotations

import unittest
from unittest import mock

import fake_airflow
import support
from support import DAG_FILES, GENERATED_DIR
from test_structure import BASE_OPERATOR, OPERATOR_PARAMETERS

ENVIRONMENT = {
    "LAKEHOUSE_PROJECT": "my-project",
    "LAKEHOUSE_REGION": "us-central1",
    "LAKEHOUSE_BQ_LOCATION": "us-central1",
    "LAKEHOUSE_BQ_DATASET": "stock_lakehouse",
    "LAKEHOUSE_BQ_SA": "lakehouse-bq-loader@my-project.iam.gserviceaccount.com",
    "LAKEHOUSE_LAKE_BUCKET": "my-project-lakehouse-lake",
    "LAKEHOUSE_STAGING_BUCKET": "my-project-lakehouse-staging",
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
        with mock.patch.dict("os.environ", ENVIRONMENT), fake_airflow.installed(OPERATOR_PARAMETERS, BASE_OPERATOR):
            for dag_id, path in DAG_FILES.items():
                cls.dags[dag_id] = fake_airflow.load_dag(path)

    def graph(self, dag_id: str) -> fake_airflow.Graph:
        return self.dags[dag_id].graph

    def expected_warehouse(self) -> tuple[set[str], set[tuple[str, str]]]:
        tables = self.artifacts.table_names()
        marts = self.artifacts.mart_names()
        tasks = {f"warehouse.load_{t}" for t in tables} | {f"warehouse.merge_{t}" for t in tables}
        tasks |= {f"warehouse.mart_{m}" for m in marts}
        edges = {(f"warehouse.load_{t}", f"warehouse.merge_{t}") for t in tables}
        chain = [f"warehouse.merge_{t}" for t in tables] + [f"warehouse.mart_{m}" for m in marts]
        edges |= set(zip(chain, chain[1:]))
        return tasks, edges

    def test_every_dag_builds_with_its_id(self) -> None:
        self.assertEqual({d.dag_id for d in self.dags.values()}, set(DAG_FILES))

    def test_daily_graph_task_by_task_and_edge_by_edge(self) -> None:
        graph = self.graph("stock_lakehouse_daily")
        warehouse_tasks, warehouse_edges = self.expected_warehouse()
        checks = {f"checks.{c['table']}__{c['name']}" for c in self.artifacts.checks()}
        self.assertEqual(set(graph.tasks), {"is_trading_day", "extract", "silver", "gold"} | warehouse_tasks | checks)
        loads = {t for t in warehouse_tasks if ".load_" in t}
        last = f"warehouse.mart_{self.artifacts.mart_names()[-1]}"
        expected = {("is_trading_day", "extract"), ("extract", "silver"), ("silver", "gold")}
        expected |= {("gold", load) for load in loads} | warehouse_edges | {(last, check) for check in checks}
        self.assertEqual(graph.edges, expected)

    def test_backfill_graph_maps_the_extract_and_leaves_out_date_dependent_checks(self) -> None:
        graph = self.graph("stock_lakehouse_backfill")
        checks = {f"checks.{c['table']}__{c['name']}" for c in self.artifacts.checks(include_run_date_checks=False)}
        warehouse_tasks, _ = self.expected_warehouse()
        self.assertEqual(set(graph.tasks), {"plan_windows", "extract", "silver", "gold"} | warehouse_tasks | checks)
        extract = graph.tasks["extract"]
        self.assertIsInstance(extract.mapped_over["overrides"], fake_airflow.XComArg)
        self.assertIs(extract.mapped_over["overrides"].operator, graph.tasks["plan_windows"])
        self.assertIn(("plan_windows", "extract"), graph.edges)
        self.assertIn(("extract", "silver"), graph.edges)

    def test_data_quality_graph(self) -> None:
        graph = self.graph("stock_lakehouse_data_quality")
        fresh = {f"freshness.{t['table']}__fresh" for t in self.artifacts.tables() if t["partitioning"]}
        checks = {f"checks.{c['table']}__{c['name']}" for c in self.artifacts.checks()}
        self.assertTrue(fresh)
        self.assertEqual(set(graph.tasks), {"configured"} | fresh | checks)
        self.assertEqual(graph.edges, {("configured", f) for f in fresh} | {(f, c) for f in fresh for c in checks})

    def test_operators_get_the_configuration_and_the_generated_artefacts(self) -> None:
        daily = self.graph("stock_lakehouse_daily").tasks
        extract = daily["extract"].kwargs
        self.assertEqual((extract["project_id"], extract["region"], extract["job_name"]),
                         ("my-project", "us-central1", "lakehouse-extractor"))
        self.assertEqual(
            extract["overrides"]["container_overrides"][0]["args"],
            ["extract", "--source", "yahoo", "--mode", "daily", "--lake", "gs://my-project-lakehouse-lake", "--allow-incomplete", "--to", "{{ ds }}"],
        )
        silver = daily["silver"].kwargs
        self.assertEqual(silver["batch_id"], "lakehouse-silver-{{ ds_nodash }}-{{ ts_nodash | lower }}-t{{ ti.try_number }}")
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

    def test_every_spark_batch_records_its_quarantine_under_its_own_batch_id(self) -> None:
        # The host names the run's quarantine files after --run-id: a per-date id would let a retry or a rerun of
        # the same date overwrite the quarantine files of the try before it.
        from datetime import datetime

        batches = [(dag_id, task_id, task) for dag_id, dag in self.dags.items()
                   for task_id, task in dag.graph.tasks.items() if "batch_id" in task.kwargs]
        self.assertEqual(len(batches), 4, "silver and gold in the daily and backfill DAGs")
        rendered = set()
        for dag_id, task_id, task in batches:
            for try_number in (1, 2):
                context = support.context_for(datetime(2024, 2, 29, 23, 30), try_number, task.kwargs["params"])
                args = support.render_object(task.kwargs["batch"]["spark_batch"]["args"], context)
                batch_id = support.render(task.kwargs["batch_id"], context)
                with self.subTest(dag=dag_id, task=task_id, try_number=try_number):
                    self.assertEqual(args.count("--run-id"), 1)
                    self.assertEqual(args[args.index("--run-id") + 1], batch_id)
                rendered.add(batch_id)
        self.assertEqual(len(rendered), 2 * len(batches), "every task and try has a batch id of its own")

    def test_every_templated_value_renders_for_a_leap_day(self) -> None:
        from datetime import datetime

        for dag_id, dag in self.dags.items():
            dag_params = {k: p.default for k, p in dag.kwargs.get("params", {}).items()}
            for task_id, task in dag.graph.tasks.items():
                params = {**dag_params, **task.kwargs.get("params", {})}
                context = support.context_for(datetime(2024, 2, 29, 23, 30), 2, params)
                with self.subTest(dag=dag_id, task=task_id):
                    rendered = support.render_object(
                        {k: v for k, v in task.kwargs.items() if k not in ("python_callable", "on_failure_callback")},
                        context,
                    )
                    self.assertNotIn("{{", repr(rendered))


if __name__ == "__main__":
    unittest.main()
