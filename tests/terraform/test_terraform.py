"""Offline checks of terraform/ (python3 standard library + node + the terraform binary).

`terraform init` cannot download the Google provider here, so `terraform validate` cannot run. Instead:
- the HCL is parsed by @cdktf/hcl2json (tools/hcl/parse.mjs) and the parsed blocks are verified;
- schemas.tf, which uses no provider, is evaluated by a real `terraform apply` against the real schemas/,
  proving that the fileset()/jsondecode() expressions produce one table per schemas/gold file with the
  partitioning and clustering of its metadata.
Run with `make test-terraform` (installs tools/hcl with `npm ci` first).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TERRAFORM_DIR = REPO / "terraform"
SCHEMAS_GOLD = REPO / "schemas" / "gold"
PARSER = REPO / "tools" / "hcl" / "parse.mjs"

PRIMITIVE_ROLES = re.compile(r"\broles/(owner|editor|viewer)\b")

# Values that look like credentials. Terraform interpolations (${...}) are never secrets.
SECRET_PATTERNS = {
    "Google API key": re.compile(r"AIza[0-9A-Za-z_\-]{35}"),
    "private key block": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "service-account key JSON": re.compile(r"\"private_key(_id)?\"\s*:"),
    "AWS access key": re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"),
    "OAuth client secret": re.compile(r"\bGOCSPX-[A-Za-z0-9_\-]{20,}"),
    "literal assigned to a secret-looking name": re.compile(
        r"(?im)^\s*[\w\-]*(api[_-]?key|apikey|token|secret|password|passwd|credential)[\w\-]*\s*=\s*\"(?![^\"]*\$\{)[^\"]{6,}\""
    ),
    "Alpha Vantage-shaped key literal": re.compile(r"\"[A-Z0-9]{16}\""),
}


def scan_for_secrets(text: str) -> list[str]:
    """Names of the secret patterns found in text."""
    return [name for name, pattern in SECRET_PATTERNS.items() if pattern.search(text)]


def strip_comments(text: str) -> str:
    """HCL without # and // line comments (strings containing # are kept: they never start a line)."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(("#", "//")))


def parse_hcl_dir(directory: Path) -> dict:
    """Every .tf file of directory parsed to JSON by @cdktf/hcl2json."""
    if not (REPO / "tools" / "hcl" / "node_modules" / "@cdktf" / "hcl2json").is_dir():
        raise unittest.SkipTest("tools/hcl is not installed: run `make test-terraform` (npm ci in tools/hcl)")
    completed = subprocess.run(
        ["node", str(PARSER), str(directory)], capture_output=True, text=True, timeout=120, check=False
    )
    if completed.returncode != 0:
        raise AssertionError(f"hcl2json could not parse {directory}: {completed.stderr.strip()}")
    return json.loads(completed.stdout)


def blocks(parsed: dict, kind: str) -> dict:
    """The blocks of one top-level kind merged across files: resource/data as {type: {name: body}},
    variable/output as {name: body}."""
    merged: dict = {}
    for file_blocks in parsed.values():
        for name, body in file_blocks.get(kind, {}).items():
            if kind in ("resource", "data"):
                for resource_name, instances in body.items():
                    merged.setdefault(name, {})[resource_name] = instances[0]
            else:
                merged[name] = body[0]
    return merged


def all_locals(parsed: dict) -> dict:
    merged: dict = {}
    for file_blocks in parsed.values():
        for block in file_blocks.get("locals", []):
            merged.update(block)
    return merged


def walk_strings(value):
    """Every string anywhere in a parsed JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from walk_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk_strings(item)


class TerraformTests(unittest.TestCase):
    parsed: dict
    texts: dict

    @classmethod
    def setUpClass(cls) -> None:
        cls.parsed = parse_hcl_dir(TERRAFORM_DIR)
        cls.texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(TERRAFORM_DIR.glob("*.tf"))}
        cls.resources = blocks(cls.parsed, "resource")
        cls.variables = blocks(cls.parsed, "variable")
        cls.outputs = blocks(cls.parsed, "output")
        cls.locals = all_locals(cls.parsed)

    # ---- the parser itself --------------------------------------------------------------------------

    def test_parser_reports_a_syntax_error_with_its_position(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            Path(tmp, "broken.tf").write_text('resource "x" "y" {\n  name = \n}\n', encoding="utf-8")
            completed = subprocess.run(["node", str(PARSER), tmp], capture_output=True, text=True, timeout=120)
        self.assertEqual(completed.returncode, 1, "a broken file must fail the parse")
        self.assertIn("broken.tf", completed.stderr)

    def test_every_terraform_file_was_parsed(self) -> None:
        self.assertEqual(sorted(self.parsed), sorted(self.texts))
        self.assertGreater(len(self.resources), 10)

    # ---- BigQuery tables from schemas/ --------------------------------------------------------------

    def gold_table_names(self) -> set[str]:
        return {p.name[: -len(".table.json")] for p in SCHEMAS_GOLD.glob("*.table.json")}

    def test_every_gold_table_in_schemas_has_a_schema_file(self) -> None:
        names = self.gold_table_names()
        self.assertTrue(names, "schemas/gold has no tables")
        for name in sorted(names):
            with self.subTest(table=name):
                self.assertTrue((SCHEMAS_GOLD / f"{name}.schema.json").is_file())

    def test_silver_stays_out_of_the_warehouse_on_purpose(self) -> None:
        # Silver is Parquet in the lake, read by the gold job only; the warehouse is the gold star schema.
        # The exclusion is deliberate and documented, so a change to it must change this test and the README.
        self.assertTrue(any(REPO.joinpath("schemas", "silver").glob("*.table.json")))
        for name, text in self.texts.items():
            with self.subTest(file=name):
                self.assertNotIn("schemas/silver", text)
        self.assertIn("`schemas/silver` gets no BigQuery table on purpose", (TERRAFORM_DIR / "README.md").read_text())

    def test_gold_tables_come_from_a_fileset_over_schemas_gold(self) -> None:
        tables = self.resources.get("google_bigquery_table", {})
        self.assertIn("gold", tables, "expected resource google_bigquery_table.gold")
        gold = tables["gold"]
        self.assertEqual(gold["for_each"], "${local.gold_tables}")
        self.assertEqual(gold["table_id"], "${each.key}")
        self.assertEqual(gold["schema"], "${file(each.value.schema_file)}")
        self.assertEqual(gold["clustering"], "${each.value.clustering}")
        partitioning = gold["dynamic"]["time_partitioning"][0]
        self.assertIn("each.value.partitioning", partitioning["for_each"])
        self.assertEqual(partitioning["content"][0]["type"], "${time_partitioning.value.type}")
        self.assertEqual(partitioning["content"][0]["field"], "${time_partitioning.value.field}")
        self.assertEqual(self.locals["schemas_dir"], "${path.module}/../schemas/gold")
        self.assertIn('fileset(local.schemas_dir, "*.table.json")', self.locals["gold_table_metadata"])

    def test_no_hand_written_columns(self) -> None:
        for name, text in self.texts.items():
            with self.subTest(file=name):
                self.assertNotRegex(text, r'"mode"\s*:\s*"(REQUIRED|NULLABLE)"', "columns belong in schemas/")
                self.assertNotIn("jsonencode([", text)

    def test_terraform_evaluates_one_table_per_schema_file_with_its_partitioning_and_clustering(self) -> None:
        terraform = shutil.which("terraform")
        if terraform is None:
            self.skipTest("terraform is not on the PATH")
        with tempfile.TemporaryDirectory() as tmp:
            module = Path(tmp, "terraform")
            module.mkdir()
            os.symlink(REPO / "schemas", Path(tmp, "schemas"))
            shutil.copy(TERRAFORM_DIR / "schemas.tf", module / "schemas.tf")
            (module / "outputs.tf").write_text(
                'output "gold_tables" { value = local.gold_tables }\n'
                'output "schemas" {\n'
                "  value = { for name, t in local.gold_tables : name => jsondecode(file(t.schema_file)) }\n"
                "}\n",
                encoding="utf-8",
            )
            env = dict(os.environ, TF_IN_AUTOMATION="1", CHECKPOINT_DISABLE="1")
            commands = (["init", "-input=false", "-no-color"], ["apply", "-auto-approve", "-input=false", "-no-color"])
            for command in commands:
                completed = subprocess.run(
                    [terraform, *command], cwd=module, capture_output=True, text=True, timeout=300, env=env
                )
                self.assertEqual(completed.returncode, 0, completed.stdout + completed.stderr)
            completed = subprocess.run(
                [terraform, "output", "-json"], cwd=module, capture_output=True, text=True, timeout=120, env=env
            )
            self.assertEqual(completed.returncode, 0, completed.stderr)
            outputs = json.loads(completed.stdout)

        evaluated = outputs["gold_tables"]["value"]
        schemas = outputs["schemas"]["value"]
        self.assertEqual(set(evaluated), self.gold_table_names())
        for name in sorted(evaluated):
            with self.subTest(table=name):
                metadata = json.loads((SCHEMAS_GOLD / f"{name}.table.json").read_text(encoding="utf-8"))
                table = evaluated[name]
                self.assertEqual(table["description"], metadata["description"])
                self.assertEqual(table["partitioning"], metadata["partitioning"])
                if metadata["partitioning"] is not None:
                    self.assertEqual(table["partitioning"]["type"], "MONTH")
                self.assertEqual(table["clustering"], metadata["clustering"] or None)
                expected_schema = json.loads((SCHEMAS_GOLD / f"{name}.schema.json").read_text(encoding="utf-8"))
                self.assertEqual(schemas[name], expected_schema)

    # ---- variables and outputs ----------------------------------------------------------------------

    def test_every_variable_has_a_description_and_type(self) -> None:
        self.assertTrue(self.variables)
        for name, body in self.variables.items():
            with self.subTest(variable=name):
                self.assertTrue(str(body.get("description", "")).strip(), "description missing")
                self.assertIn("type", body)

    def test_every_variable_but_project_id_has_a_default(self) -> None:
        for name, body in self.variables.items():
            with self.subTest(variable=name):
                if name == "project_id":
                    self.assertNotIn("default", body)
                else:
                    self.assertIn("default", body)

    def test_every_referenced_variable_is_declared_and_every_declared_one_is_used(self) -> None:
        code = "\n".join(strip_comments(t) for n, t in self.texts.items() if n != "variables.tf")
        referenced = set(re.findall(r"\bvar\.([A-Za-z_][A-Za-z0-9_]*)", code))
        self.assertEqual(referenced - set(self.variables), set(), "undeclared variables")
        self.assertEqual(set(self.variables) - referenced, set(), "declared but never used")

    def test_example_tfvars_only_sets_declared_variables(self) -> None:
        example = (TERRAFORM_DIR / "terraform.tfvars.example").read_text(encoding="utf-8")
        names = set(re.findall(r"(?m)^\s*#?\s*([a-z_]+)\s*=", example))
        self.assertIn("project_id", names)
        self.assertEqual(names - set(self.variables), set())

    def test_every_output_has_a_description(self) -> None:
        self.assertTrue(self.outputs)
        for name, body in self.outputs.items():
            with self.subTest(output=name):
                self.assertTrue(str(body.get("description", "")).strip())

    # ---- secrets ------------------------------------------------------------------------------------

    def test_secret_scanner_finds_planted_secrets(self) -> None:
        planted = {
            'api_key = "AIzaSyA1234567890abcdefghijklmnopqrstuv"': "Google API key",
            'alphavantage_key = "Q1W2E3R4T5Y6U7I8"': "Alpha Vantage-shaped key literal",
            'password = "hunter22"': "literal assigned to a secret-looking name",
            '"private_key": "-----BEGIN PRIVATE KEY-----"': "private key block",
        }
        for text, name in planted.items():
            with self.subTest(text=text):
                self.assertIn(name, scan_for_secrets(text))
        self.assertEqual(scan_for_secrets('secret_id = "${var.name_prefix}-alphavantage-api-key"'), [])

    def test_no_secret_values_in_terraform(self) -> None:
        files = {**self.texts, "terraform.tfvars.example": (TERRAFORM_DIR / "terraform.tfvars.example").read_text()}
        for name, text in files.items():
            with self.subTest(file=name):
                self.assertEqual(scan_for_secrets(text), [])

    def test_the_alpha_vantage_secret_is_a_container_without_a_version(self) -> None:
        self.assertIn("google_secret_manager_secret", self.resources)
        self.assertNotIn(
            "google_secret_manager_secret_version", self.resources, "a version would put the value in state"
        )
        job = self.resources["google_cloud_run_v2_job"]["extractor"]
        env = job["template"][0]["template"][0]["containers"][0]["env"]
        secret_refs = [e for e in env if "value_source" in e]
        self.assertEqual([e["name"] for e in secret_refs], ["ALPHAVANTAGE_API_KEY"])
        self.assertNotIn("value", secret_refs[0])

    # ---- IAM ----------------------------------------------------------------------------------------

    def test_no_primitive_roles_anywhere(self) -> None:
        for name, text in self.texts.items():
            with self.subTest(file=name):
                self.assertIsNone(PRIMITIVE_ROLES.search(text))
        roles = [s for s in walk_strings(self.parsed) if s.startswith("roles/")]
        self.assertTrue(roles)
        self.assertEqual([r for r in roles if PRIMITIVE_ROLES.fullmatch(r)], [])

    def test_primitive_role_pattern_matches_only_primitive_roles(self) -> None:
        self.assertTrue(PRIMITIVE_ROLES.fullmatch("roles/editor"))
        self.assertIsNone(PRIMITIVE_ROLES.fullmatch("roles/dataproc.editor"))
        self.assertIsNone(PRIMITIVE_ROLES.fullmatch("roles/run.viewer"))

    def iam_bindings(self):
        for kind, instances in self.resources.items():
            if kind.endswith("_iam_member"):
                for name, body in instances.items():
                    yield kind, name, body

    def test_one_service_account_per_component_each_with_bindings(self) -> None:
        accounts = self.resources["google_service_account"]
        self.assertEqual(set(accounts), {"extractor", "dataproc", "loader", "composer"})
        members = [body["member"] for _, _, body in self.iam_bindings()]
        for account in accounts:
            with self.subTest(account=account):
                self.assertIn(f"${{google_service_account.{account}.member}}", members)

    def test_no_public_members_and_no_project_wide_storage_roles(self) -> None:
        for kind, name, body in self.iam_bindings():
            with self.subTest(binding=f"{kind}.{name}"):
                self.assertNotIn(body["member"], ("allUsers", "allAuthenticatedUsers"))
                if kind == "google_project_iam_member":
                    self.assertFalse(body["role"].startswith("roles/storage."), "grant storage on a bucket")
                    self.assertFalse(body["role"].startswith("roles/bigquery.data"), "grant data on the dataset")
                    self.assertFalse(body["role"].startswith("roles/secretmanager."), "grant on the secret")

    def bindings_of(self, account: str) -> dict[str, dict]:
        return {
            body["role"]: body
            for _, _, body in self.iam_bindings()
            if body["member"] == f"${{google_service_account.{account}.member}}"
        }

    def test_the_extractor_creates_only_under_raw_markers_and_runs_and_overwrites_only_watermarks(self) -> None:
        bindings = self.bindings_of("extractor")
        self.assertEqual(
            set(bindings),
            {"roles/storage.objectCreator", "roles/storage.objectUser", "roles/storage.objectViewer",
             "roles/secretmanager.secretAccessor", "roles/artifactregistry.reader"},
        )
        condition = bindings["roles/storage.objectCreator"]["condition"][0]["expression"]
        prefixes = re.findall(r'startsWith\("\$\{local\.lake_objects\}([^"]*)"\)', condition)
        self.assertEqual(sorted(prefixes), ["_runs/", "_state/requests/", "raw/"])
        # Watermarks move forward by overwriting, which needs delete: only there, and on the lake's writer lock
        # (cli/Locking/ObjectStoreLakeLock.Key), which every writing command on a gs:// lake takes and replaces.
        watermarks = bindings["roles/storage.objectUser"]["condition"][0]["expression"]
        self.assertEqual(re.findall(r'startsWith\("\$\{local\.lake_objects\}([^"]*)"\)', watermarks), ["_state/watermarks/"])
        self.assertEqual(re.findall(r'resource\.name == "\$\{local\.lake_objects\}([^"]*)"', watermarks), ["_state/writer.lock"])
        lock_key = re.search(r'public const string Key = "([^"]+)"', (REPO / "cli/Locking/ObjectStoreLakeLock.cs").read_text(encoding="utf-8"))
        self.assertEqual(lock_key.group(1), "_state/writer.lock")
        self.assertEqual(self.locals["lake_objects"], "projects/_/buckets/${local.lake_bucket_name}/objects/")

    def test_the_spark_jobs_cannot_change_raw(self) -> None:
        lake_admins = [
            b for _, _, b in self.iam_bindings()
            if b["role"] == "roles/storage.objectAdmin" and b.get("bucket") == "${google_storage_bucket.lake.name}"
        ]
        self.assertEqual([b["member"] for b in lake_admins], ["${google_service_account.dataproc.member}"])
        self.assertEqual(
            lake_admins[0]["condition"][0]["expression"], '!resource.name.startsWith("${local.lake_objects}raw/")'
        )

    def test_composer_touches_no_data_and_impersonates_the_loader_for_bigquery(self) -> None:
        roles = set(self.bindings_of("composer"))
        self.assertFalse({r for r in roles if r.startswith(("roles/storage.", "roles/bigquery."))})
        self.assertIn("roles/iam.serviceAccountTokenCreator", roles)
        token = self.resources["google_service_account_iam_member"]["composer_impersonates_loader"]
        self.assertEqual(token["service_account_id"], "${google_service_account.loader.name}")

    # ---- the rest of the stack ----------------------------------------------------------------------

    def test_versioned_lake_with_raw_aging_into_colder_classes_and_no_staging_bucket(self) -> None:
        # Dataproc Serverless runtime 3.0 and later use no Cloud Storage staging bucket.
        buckets = self.resources["google_storage_bucket"]
        self.assertEqual(set(buckets), {"lake"})
        self.assertIs(buckets["lake"]["versioning"][0]["enabled"], True)
        for name, bucket in buckets.items():
            with self.subTest(bucket=name):
                self.assertIs(bucket["uniform_bucket_level_access"], True)
                self.assertEqual(bucket["public_access_prevention"], "enforced")
        rules = buckets["lake"]["lifecycle_rule"]
        raw_classes = {
            rule["action"][0].get("storage_class")
            for rule in rules
            if rule["action"][0]["type"] == "SetStorageClass" and rule["condition"][0]["matches_prefix"] == ["raw/"]
        }
        self.assertEqual(raw_classes, {"NEARLINE", "COLDLINE", "ARCHIVE"})
        for rule in rules:
            if rule["action"][0]["type"] == "SetStorageClass":
                with self.subTest(rule=rule["condition"][0]):
                    # Partitions are replaced daily: a colder class there would charge early deletion.
                    self.assertFalse({"silver/", "gold/"} & set(rule["condition"][0]["matches_prefix"]))
        noncurrent = [r for r in rules if "days_since_noncurrent_time" in r["condition"][0]]
        self.assertEqual({p for r in noncurrent for p in r["condition"][0]["matches_prefix"]},
                         {"raw/", "silver/", "gold/", "_runs/", "_quarantine/"})

    def test_dataproc_subnetwork_has_private_google_access_and_internal_firewall(self) -> None:
        subnet = self.resources["google_compute_subnetwork"]["dataproc"]
        self.assertIs(subnet["private_ip_google_access"], True)
        firewall = self.resources["google_compute_firewall"]["dataproc_internal"]
        self.assertEqual(firewall["direction"], "INGRESS")
        self.assertEqual(firewall["source_ranges"], ["${var.network_cidr}"])

    def test_composer_3_environment_with_its_own_service_account(self) -> None:
        composer = self.resources["google_composer_environment"]["lakehouse"]
        config = composer["config"][0]
        self.assertEqual(config["software_config"][0]["image_version"], "${var.composer_image_version}")
        self.assertTrue(self.variables["composer_image_version"]["default"].startswith("composer-3-airflow-2"))
        self.assertEqual(config["node_config"][0]["service_account"], "${google_service_account.composer.email}")
        env = config["software_config"][0]["env_variables"]
        for name in env:
            with self.subTest(env=name):
                self.assertRegex(name, r"^LAKEHOUSE_[A-Z_]+$")

    def test_the_composer_image_is_pinned_to_the_build_the_dag_tests_read_the_provider_for(self) -> None:
        facts = json.loads((REPO / "tests" / "dags" / "fixtures" / "provider_facts.json").read_text(encoding="utf-8"))
        default = self.variables["composer_image_version"]["default"]
        self.assertEqual(default, facts["composer"]["image"])
        self.assertRegex(default, r"-build\.[0-9]+$", "a floating image changes the provider under the DAGs")
        validation = self.variables["composer_image_version"]["validation"][0]["condition"]
        self.assertIn("-build", validation)

    def test_composer_installs_a_dataproc_client_that_knows_authentication_config(self) -> None:
        software = self.resources["google_composer_environment"]["lakehouse"]["config"][0]["software_config"][0]
        self.assertEqual(software["pypi_packages"], {"google-cloud-dataproc": ">=5.18.0"})
        batch = json.loads((REPO / "dags" / "generated" / "dataproc" / "silver.batch.json").read_text(encoding="utf-8"))
        self.assertIn("authentication_config", batch["batch"]["environment_config"]["execution_config"])

    def test_composer_runs_a_triggerer_for_the_deferrable_batches(self) -> None:
        workloads = self.resources["google_composer_environment"]["lakehouse"]["config"][0]["workloads_config"][0]
        self.assertGreaterEqual(workloads["triggerer"][0]["count"], 1)

    def test_runtime_3_needs_the_dataproc_resource_manager_api(self) -> None:
        services = self.resources["google_project_service"]["apis"]["for_each"]
        self.assertIn("dataprocrm.googleapis.com", services)
        self.assertIn("dataproc.googleapis.com", services)

    def test_apply_creates_the_one_slot_pool_the_dags_use(self) -> None:
        tasks = (REPO / "dags" / "lakehouse_dags" / "tasks.py").read_text(encoding="utf-8")
        pool = re.search(r'WRITES_POOL\s*=\s*"([a-z_]+)"', tasks).group(1)
        locals_tf = (TERRAFORM_DIR / "locals.tf").read_text(encoding="utf-8")
        self.assertIn(f'writes_pool = "{pool}"', locals_tf)
        command = self.resources["terraform_data"]["airflow_pool"]["provisioner"]["local-exec"][0]["command"]
        self.assertIn("pools -- set ${local.writes_pool} 1 ", command)
        self.assertIn("${google_composer_environment.lakehouse.name}", command)

    def test_the_pool_counts_deferred_tasks_so_a_deferred_batch_keeps_its_slot(self) -> None:
        # Airflow's `pools set` counts deferred tasks against the slots only with --include-deferred; the Spark
        # batches are deferrable, so without it the one slot frees while a batch runs.
        command = self.resources["terraform_data"]["airflow_pool"]["provisioner"]["local-exec"][0]["command"]
        self.assertRegex(command, r"pools -- set \$\{local\.writes_pool\} 1 '[^']*' --include-deferred$")

    def test_the_failed_run_alert_watches_only_this_environment(self) -> None:
        condition = self.resources["google_monitoring_alert_policy"]["dag_run_failed"]["conditions"][0]["condition_threshold"][0]
        self.assertIn('resource.labels.environment_name = "${google_composer_environment.lakehouse.name}"', condition["filter"])

    def test_composer_env_variables_are_the_ones_the_dags_read(self) -> None:
        config_py = (REPO / "dags" / "lakehouse_dags" / "config.py").read_text(encoding="utf-8")
        read_by_dags = set(re.findall(r"\"(LAKEHOUSE_[A-Z_]+)\"", config_py))
        composer = self.resources["google_composer_environment"]["lakehouse"]
        provided = set(composer["config"][0]["software_config"][0]["env_variables"])
        self.assertEqual(read_by_dags, provided)

    def test_extractor_cloud_run_job_artifact_registry_and_alerting_exist(self) -> None:
        self.assertIn("extractor", self.resources["google_cloud_run_v2_job"])
        self.assertEqual(self.resources["google_artifact_registry_repository"]["images"]["format"], "DOCKER")
        policies = self.resources["google_monitoring_alert_policy"]
        self.assertIn("dag_run_failed", policies)
        condition = policies["dag_run_failed"]["conditions"][0]["condition_threshold"][0]
        self.assertIn("composer.googleapis.com/workflow/run_count", condition["filter"])
        self.assertIn('metric.labels.state = \\"failed\\"'.replace("\\", ""), condition["filter"])

    def test_the_extractor_container_is_the_one_the_dags_override(self) -> None:
        artifacts = (REPO / "dags" / "lakehouse_dags" / "artifacts.py").read_text(encoding="utf-8")
        name = re.search(r'EXTRACTOR_CONTAINER\s*=\s*"([a-z0-9-]+)"', artifacts).group(1)
        job = self.resources["google_cloud_run_v2_job"]["extractor"]
        self.assertEqual(job["template"][0]["template"][0]["containers"][0]["name"], name)

    def test_alert_log_marker_is_the_one_the_dags_emit(self) -> None:
        alerting = (REPO / "dags" / "lakehouse_dags" / "alerting.py").read_text(encoding="utf-8")
        marker = re.search(r'ALERT_MARKER\s*=\s*"([A-Z_]+)"', alerting).group(1)
        policy = self.resources["google_monitoring_alert_policy"]["task_failed"]
        self.assertIn(marker, policy["conditions"][0]["condition_matched_log"][0]["filter"])


if __name__ == "__main__":
    unittest.main()
