"""Everything the DAGs read from dags/generated exists and matches schemas/.

The DAGs resolve every file through lakehouse_dags.artifacts; these tests call the very same functions for
every table, check, mart and batch the DAGs create tasks for, then compare the contents with schemas/.
"""
from __future__ import annotations

import json
import re
import unittest
from datetime import date, datetime, time

import support
from support import GENERATED_DIR, SCHEMAS_DIR, gold_columns, gold_tables, load_json

PLACEHOLDER = re.compile(r"{{\s*([^}|]+?)\s*(\|[^}]*)?}}")
# The Airflow context the templates may use: the session moment, the run's id and the try.
MACROS = {"data_interval_end", "dag_run.id", "ti.try_number"}
SESSION = 'data_interval_end.in_timezone("America/New_York")'
# The staging table of a DAG run: <table>_staging_r<the run's id>, so that no two runs share one.
STAGING_RUN = "_staging_r{{ dag_run.id }}"


def fake_config() -> dict[str, str]:
    from lakehouse_dags import config

    return config.values({name: f"{name.lower().replace('_', '-')}-value" for name in config.VARIABLES})


@unittest.skipUnless(
    (GENERATED_DIR / "manifest.json").is_file(),
    "dags/generated is missing: run `lakehouse artifacts --out dags/generated` (make artifacts)",
)
class GeneratedArtifactTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        from lakehouse_dags import artifacts

        artifacts.manifest.cache_clear()
        cls.artifacts = artifacts
        cls.manifest = artifacts.manifest()
        cls.schemas = gold_tables()
        cls.params = artifacts.template_params(fake_config())

    # ---- tables ------------------------------------------------------------------------------------

    def test_every_gold_table_of_schemas_is_loaded_and_nothing_else(self) -> None:
        self.assertEqual(sorted(self.artifacts.table_names()), sorted(self.schemas))

    def test_manifest_tables_carry_the_key_partitioning_and_clustering_of_schemas(self) -> None:
        for entry in self.artifacts.tables():
            metadata = self.schemas[entry["table"]]
            with self.subTest(table=entry["table"]):
                self.assertEqual(entry["key"], metadata["key"])
                self.assertEqual(entry["partitioning"], metadata["partitioning"])
                self.assertEqual(entry["clustering"], metadata["clustering"])
                self.assertEqual(entry["lake_partition"], metadata["lake_partition"])
                self.assertEqual(entry["staging_table"], f"{entry['table']}{STAGING_RUN}")

    def test_load_order_puts_every_referenced_table_first(self) -> None:
        order = self.artifacts.table_names()
        for name in order:
            for check in self.schemas[name]["checks"]:
                referenced = check.get("references", "").split(".")[0]
                if check["kind"] == "relationship" and referenced in order and referenced != name:
                    with self.subTest(table=name, references=referenced):
                        self.assertLess(order.index(referenced), order.index(name))

    def test_every_file_of_every_table_exists(self) -> None:
        for entry in self.artifacts.tables():
            for kind, relative in entry["files"].items():
                with self.subTest(table=entry["table"], file=kind):
                    self.assertTrue((GENERATED_DIR / relative).is_file(), relative)

    def test_generated_schemas_are_the_schemas_of_schemas_gold(self) -> None:
        for name in self.schemas:
            expected = load_json(SCHEMAS_DIR / "gold" / f"{name}.schema.json")
            generated = self.artifacts.read_json(self.artifacts.table_file(name, "schema"))
            with self.subTest(table=name):
                self.assertEqual(
                    [(f["name"], f["type"], f.get("mode", "NULLABLE")) for f in generated],
                    [(f["name"], f["type"], f.get("mode", "NULLABLE")) for f in expected],
                )

    def test_load_jobs_write_the_staging_table_from_the_table_lake_prefix(self) -> None:
        for entry in self.artifacts.tables():
            name = entry["table"]
            with self.subTest(table=name):
                load = self.artifacts.load_configuration(name)["load"]
                self.assertEqual(load["sourceFormat"], "PARQUET")
                self.assertEqual(load["writeDisposition"], "WRITE_TRUNCATE", "a rerun must replace staging")
                self.assertEqual(
                    load["destinationTable"],
                    {"projectId": "{{ params.project }}", "datasetId": "{{ params.dataset }}",
                     "tableId": f"{name}{STAGING_RUN}"},
                )
                for uri in load["sourceUris"]:
                    self.assertTrue(uri.startswith(f"gs://{{{{ params.bucket }}}}/{entry['lake_prefix']}"), uri)
                self.assertEqual([f["name"] for f in load["schema"]["fields"]], gold_columns(name))

    def test_merges_go_from_staging_into_the_table_on_its_key(self) -> None:
        for name, metadata in self.schemas.items():
            sql = self.artifacts.merge_sql(name)
            with self.subTest(table=name):
                target = f"`{{{{ params.project }}}}.{{{{ params.dataset }}}}.{name}`"
                staging = f"`{{{{ params.project }}}}.{{{{ params.dataset }}}}.{name}{STAGING_RUN}`"
                self.assertRegex(sql, rf"MERGE INTO {re.escape(target)} AS t\s+USING {re.escape(staging)} AS s\s")
                on = re.search(r"(?is)\bON\b(.*?)\bWHEN\b", sql).group(1)
                for column in metadata["key"]:
                    self.assertIn(column, on)

    def test_two_dag_runs_load_and_merge_only_their_own_staging_tables(self) -> None:
        # A fixed staging table let a daily run and a backfill (or a deploy) overwrite each other's staged rows
        # between load and MERGE, and the MERGE's delete step takes the staged rows as the truth.
        moment = datetime.combine(date(2024, 2, 29), time(23, 30))
        for name in self.artifacts.table_names():
            staged = {}
            for run in (41, 42):
                context = support.context_for(moment, 1, self.params, dag_run_id=run)
                load = support.render_object(self.artifacts.load_configuration(name), context)["load"]
                merge = support.render(self.artifacts.merge_sql(name), context)
                table = load["destinationTable"]["tableId"]
                with self.subTest(table=name, dag_run=run):
                    self.assertEqual(set(re.findall(rf"\b{name}_staging\w*", merge)), {table})
                staged[run] = table
            with self.subTest(table=name):
                self.assertNotEqual(staged[41], staged[42])

    def test_merges_give_the_staging_table_an_expiry_outside_the_transaction(self) -> None:
        for name in self.artifacts.table_names():
            sql = self.artifacts.merge_sql(name)
            with self.subTest(table=name):
                expiry = re.search(r"ALTER TABLE `[^`]+" + re.escape(STAGING_RUN) + r"` SET OPTIONS \(expiration_timestamp", sql)
                self.assertIsNotNone(expiry)
                self.assertLess(expiry.start(), sql.index("BEGIN TRANSACTION;"))

    # ---- checks ------------------------------------------------------------------------------------

    def test_checks_cover_every_table_and_every_declared_check(self) -> None:
        checks = self.artifacts.checks()
        by_table: dict[str, set[str]] = {}
        for check in checks:
            by_table.setdefault(check["table"], set()).add(check["name"])
        self.assertEqual(set(by_table), set(self.schemas) | {"marts"}, "every gold table has checks, and the marts theirs")
        self.assertEqual(by_table["marts"], {"marts_exist"})
        for name, metadata in self.schemas.items():
            with self.subTest(table=name):
                self.assertLessEqual({c["name"] for c in metadata["checks"]}, by_table[name])

    def test_every_check_counts_violations_in_standard_sql(self) -> None:
        names = set()
        for check in self.artifacts.checks():
            with self.subTest(check=f"{check['table']}.{check['name']}"):
                self.assertRegex(check["sql"], r"^SELECT COUNT\(\*\) AS violations FROM \(")
                self.assertNotIn("[", check["sql"].split("FROM", 1)[1][:3], "legacy [project:dataset.table]")
                self.assertTrue(check["description"].strip())
                self.assertNotIn((check["table"], check["name"]), names)
                names.add((check["table"], check["name"]))
                self.assertRegex(f"{check['table']}__{check['name']}", r"^[A-Za-z0-9_.-]{1,250}$", "task id")

    def test_checks_use_only_tables_of_the_dataset(self) -> None:
        known = set(self.schemas)
        for check in self.artifacts.checks():
            used = set(re.findall(r"`\{\{ params\.project \}\}\.\{\{ params\.dataset \}\}\.(\w+)`", check["sql"]))
            with self.subTest(check=check["name"]):
                if check["name"] == "marts_exist":
                    self.assertIn("`{{ params.project }}.{{ params.dataset }}`.INFORMATION_SCHEMA.TABLES", check["sql"])
                    continue
                self.assertTrue(used)
                self.assertLessEqual(used, known)

    def test_marts_exist_expects_every_mart_the_load_creates(self) -> None:
        check = next(c for c in self.artifacts.checks() if c["name"] == "marts_exist")
        named = set(re.findall(r"SELECT '(\w+)' AS missing", check["sql"]))
        self.assertEqual(named, set(self.artifacts.mart_names()))
        self.assertFalse(check["uses_session_date"])

    def test_the_load_record_is_begun_committed_and_required_as_the_warehouse_stage_does(self) -> None:
        begin = self.artifacts.load_state_sql("begin")
        commit = self.artifacts.load_state_sql("commit")
        required = self.artifacts.load_state_sql("require_committed")
        loaded = self.artifacts.load_state_sql("session_loaded")
        table = "`{{ params.project }}.{{ params.dataset }}.load_state`"
        run = self.manifest["session_date"].replace("| ds }}", "| ds_nodash }}") + "-r{{ dag_run.id }}"
        # begin: the tables when missing (the load record, and the record of loaded partitions each merge forgets),
        # then exactly one record of this run, not committed.
        statements = [s.strip() for s in begin.split(";\n") if s.strip()]
        self.assertEqual([s.split(" ", 2)[0] for s in statements], ["CREATE", "CREATE", "DELETE", "INSERT"])
        self.assertIn(f"CREATE TABLE IF NOT EXISTS {table}", statements[0])
        self.assertIn("CREATE TABLE IF NOT EXISTS `{{ params.project }}.{{ params.dataset }}.load_partitions`", statements[1])
        self.assertIn(f"VALUES ('{run}', FALSE, CURRENT_TIMESTAMP)", statements[3])
        # begin replaces only this run's own earlier row: another run's record survives an interleaved load.
        self.assertEqual(statements[2], f"DELETE FROM {table} WHERE `run_id` = '{run}'")
        # commit: mark this run's row, then end the script with ERROR() naming the run when no row of it is committed.
        update, verify = [s.strip() for s in commit.split(";\n") if s.strip()]
        self.assertEqual(update, f"UPDATE {table} SET `committed` = TRUE, `recorded_at` = CURRENT_TIMESTAMP WHERE `run_id` = '{run}'")
        self.assertRegex(verify, r"^SELECT CASE WHEN COUNT\(\*\) = 0 THEN ERROR\('The load record load_state has no row for run ")
        self.assertIn(f"'{run}' AND `committed`", verify)
        # require_committed: 0 only when the last record committed; otherwise a query error that says why.
        self.assertRegex(required, r"WHEN last_load.`run_id` IS NULL THEN ERROR\('The warehouse records no completed load")
        self.assertRegex(required, r"WHEN NOT last_load.`committed` THEN ERROR\(CONCAT\('The warehouse\\'s last load \(run ', last_load.`run_id`")
        self.assertIn("ELSE 0 END AS violations", required)
        # session_loaded: the committed last record of a run of this session, whichever DAG run it was.
        session_prefix = self.manifest["session_date"].replace("| ds }}", "| ds_nodash }}") + "-"
        self.assertIn(f"STARTS_WITH(last_load.`run_id`, '{session_prefix}')", loaded)
        self.assertIn("last_load.`committed`", loaded)
        for sql in (required, loaded):
            self.assertIn(f"FROM {table} ORDER BY `recorded_at` DESC LIMIT 1", sql)

    def test_the_backfill_leaves_out_exactly_the_checks_that_use_the_session_date(self) -> None:
        everything = self.artifacts.checks()
        backfill = self.artifacts.checks(include_session_date_checks=False)
        dated = [c for c in everything if c not in backfill]
        self.assertEqual([(c["table"], c["name"]) for c in dated], [("fact_stock_price", "fresh")])
        self.assertTrue(all(self.manifest["session_date"] in c["sql"] for c in dated))
        self.assertTrue(all("data_interval_end" not in c["sql"] for c in backfill))
        self.assertTrue(all(c["uses_session_date"] == (c in dated) for c in everything))

    def test_the_session_date_is_the_new_york_date_of_the_data_interval_end(self) -> None:
        self.assertEqual(self.manifest["session_date"], "{{ " + SESSION + " | ds }}")

    def test_the_per_symbol_freshness_warning_looks_at_active_companies_with_a_tolerance(self) -> None:
        (warning,) = self.artifacts.warnings()
        self.assertEqual((warning["table"], warning["name"]), ("fact_stock_price", "symbol_fresh"))
        self.assertGreaterEqual(warning["tolerance_trading_days"], 1)
        sql = warning["sql"]
        self.assertIn("c.`is_current` AND c.`delisting_date` IS NULL", sql)
        self.assertIn(f"LIMIT {warning['tolerance_trading_days'] + 1}", sql)
        self.assertIn(self.manifest["session_date"], sql)
        context = support.context_for(datetime(2024, 3, 1, 23, 30), 1, self.params)
        self.assertIn("DATE '2024-03-01'", support.render(sql, context))
        for table in re.findall(r"\.(\w+)` AS", sql):
            with self.subTest(table=table):
                self.assertIn(table, self.schemas)
        for column in re.findall(r"c\.`(\w+)`", sql):
            self.assertIn(column, gold_columns("dim_company"))

    def test_calendar_lookups_use_only_dim_date_columns_of_the_schema(self) -> None:
        columns = set(gold_columns("dim_date"))
        for name in ("trading_day", "trading_days"):
            sql = self.artifacts.calendar_sql(name)
            with self.subTest(query=name):
                self.assertIn("`{{ params.project }}.{{ params.dataset }}.dim_date`", sql)
                self.assertLessEqual(set(re.findall(r"`(\w+)`", sql)), columns)
        self.assertIn("@day", self.artifacts.calendar_sql("trading_day"))
        self.assertIn("BETWEEN @start AND @end", self.artifacts.calendar_sql("trading_days"))

    # ---- marts -------------------------------------------------------------------------------------

    def test_every_mart_view_of_schemas_is_created_in_order(self) -> None:
        declared = load_json(SCHEMAS_DIR / "marts" / "marts.json")["views"]
        names = self.artifacts.mart_names()
        views = [n for n in names if n in declared]
        self.assertEqual(views, declared)
        for name in names:
            sql = self.artifacts.mart_sql(name)
            with self.subTest(mart=name):
                self.assertRegex(
                    sql,
                    rf"CREATE OR REPLACE (VIEW|TABLE) `\{{\{{ params\.project \}}\}}\.\{{\{{ params\.dataset \}}\}}\.{name}`",
                )

    # ---- Dataproc ----------------------------------------------------------------------------------

    def batch(self, job: str) -> dict:
        return self.artifacts.batch(job)["batch"]

    def test_silver_and_gold_batches_run_the_spark_host_in_the_configured_environment(self) -> None:
        for job in ("silver", "gold"):
            with self.subTest(job=job):
                resource = self.batch(job)
                self.assertIn("spark_batch", resource, "proto field names, as the operator builds a Batch")
                self.assertIn("runtime_config", resource)
                execution = resource["environment_config"]["execution_config"]
                self.assertEqual(execution["service_account"], "{{ params.service_account }}")
                self.assertEqual(execution["subnetwork_uri"], "{{ params.subnetwork }}")
                self.assertEqual(execution["authentication_config"], {"user_workload_authentication_type": "SERVICE_ACCOUNT"})
                # Runtime 3.0 and later use no Cloud Storage staging bucket.
                self.assertNotIn("staging_bucket", execution)
                self.assertEqual(resource["runtime_config"]["version"], "3.0")
                self.assertEqual(resource["runtime_config"]["container_image"], "{{ params.container_image }}")
                self.assertIn(job, resource["spark_batch"]["args"])
                self.assertIn(self.manifest["session_date"], resource["spark_batch"]["args"], "the job runs for the session")

    def test_batches_let_dotnet_runner_start_on_any_patch_release_of_spark_4_0(self) -> None:
        # Microsoft.Spark 2.4.0's 4.0 bridge refuses a Spark patch release it does not list, and runtime 3.0
        # moves to newer 4.0.x releases on its own.
        for job in ("silver", "gold"):
            with self.subTest(job=job):
                properties = self.batch(job)["runtime_config"].get("properties", {})
                self.assertEqual(properties.get("spark.dotnet.ignoreSparkPatchVersionCheck"), "true")

    def test_batches_hand_a_grouped_map_task_a_whole_group_in_one_arrow_batch(self) -> None:
        # Two files per landed object, one object a trading day: a thousand years of a symbol's daily files fit,
        # where Spark's default of 10,000 rows runs out after about 20 years.
        for job in ("silver", "gold"):
            with self.subTest(job=job):
                properties = self.batch(job)["runtime_config"].get("properties", {})
                limit = int(properties.get("spark.sql.execution.arrow.maxRecordsPerBatch", "10000"))
                self.assertGreaterEqual(limit, 2 * 252 * 1000)

    def test_rendered_batches_have_every_value_filled_and_run_under_their_own_batch_id(self) -> None:
        for job in ("silver", "gold"):
            context = support.context_for(datetime.combine(date(2024, 2, 29), time(23, 30)), 2, self.params, 57)
            generated = support.render_object(self.artifacts.batch(job), context)
            args = generated["batch"]["spark_batch"]["args"]
            with self.subTest(job=job):
                self.assertNotIn("{{", json.dumps(generated))
                self.assertIn("gs://lakehouse-lake-bucket-value", args)
                # 23:30 UTC on 2024-02-29 is 18:30 in New York: the same session.
                self.assertEqual(args[args.index("--date") + 1], "2024-02-29")
                self.assertEqual(generated["batch_id"], f"lakehouse-{job}-20240229-r57-t2")
                self.assertEqual(args[args.index("--run-id") + 1], generated["batch_id"])

    # ---- placeholders ------------------------------------------------------------------------------

    def test_the_dags_supply_every_param_the_manifest_declares(self) -> None:
        self.assertLessEqual(set(self.manifest["params"]), set(self.params))
        self.assertLessEqual(set(self.manifest.get("macros", {})), MACROS)

    def test_every_placeholder_in_every_generated_file_is_a_supplied_param_or_a_date_macro(self) -> None:
        allowed = {f"params.{key}" for key in self.params} | MACROS
        files = [p for p in GENERATED_DIR.rglob("*") if p.is_file()]
        self.assertGreater(len(files), 3 * len(self.schemas))
        for path in files:
            text = path.read_text(encoding="utf-8")
            with self.subTest(file=str(path.relative_to(GENERATED_DIR))):
                self.assertNotIn("{%", text, "statements are not part of the contract")
                used = {m.group(1).strip() for m in PLACEHOLDER.finditer(text)}
                # The session moment is the one method call the templates make.
                # (JSON files escape its quotes.)
                used = {"data_interval_end" if u.replace('\\"', '"') == SESSION else u for u in used}
                self.assertLessEqual(used, allowed)

    def test_templated_sql_and_configurations_render_completely(self) -> None:
        context = support.context_for(datetime(2024, 12, 31, 23, 30), 1, self.params)
        texts = [self.artifacts.merge_sql(t) for t in self.schemas]
        texts += [self.artifacts.mart_sql(m) for m in self.artifacts.mart_names()]
        texts += [c["sql"] for c in self.artifacts.checks() + self.artifacts.warnings()]
        texts += [self.artifacts.calendar_sql(n) for n in ("trading_day", "trading_days")]
        texts += [json.dumps(self.artifacts.load_configuration(t)) for t in self.schemas]
        for text in texts:
            self.assertNotIn("{{", support.render(text, context))

    # ---- the manifest's tables against schemas -----------------------------------------------------

    def test_partitioning_columns_exist(self) -> None:
        for entry in self.artifacts.tables():
            if entry["partitioning"]:
                with self.subTest(table=entry["table"]):
                    self.assertIn(entry["partitioning"]["field"], gold_columns(entry["table"]))
                    self.assertEqual(entry["partitioning"]["type"], "MONTH")
        self.assertLessEqual({"full_date", "is_trading_day"}, set(gold_columns("dim_date")))


if __name__ == "__main__":
    unittest.main()
