"""The DAGs' structure, proven on their AST: ids, schedules, dependencies, retries, operator arguments.

Airflow cannot be installed here, so a misspelled operator argument would only fail in Composer; every
operator call is therefore checked against the parameters of apache-airflow-providers-google (Composer 3,
Airflow 2.10) and BaseOperator.
"""
from __future__ import annotations

import ast
import re
import unittest
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import support
from support import DAG_FILES, HELPERS_DIR, calls, dag_body, dag_call, keywords, literal, parse, rshift_chain

TASKS_PY = HELPERS_DIR / "tasks.py"

BASE_OPERATOR = {
    "task_id", "owner", "email", "email_on_retry", "email_on_failure", "retries", "retry_delay",
    "retry_exponential_backoff", "max_retry_delay", "start_date", "end_date", "depends_on_past",
    "wait_for_downstream", "params", "default_args", "priority_weight", "weight_rule", "queue", "pool",
    "pool_slots", "sla", "execution_timeout", "on_execute_callback", "on_failure_callback",
    "on_success_callback", "on_retry_callback", "trigger_rule", "max_active_tis_per_dag",
    "max_active_tis_per_dagrun", "executor_config", "do_xcom_push", "inlets", "outlets", "task_group",
    "doc", "doc_md", "doc_rst", "doc_json", "doc_yaml", "task_display_name",
}
GOOGLE_BASE = {"gcp_conn_id", "impersonation_chain"}
OPERATOR_PARAMETERS = {
    "DataprocCreateBatchOperator": GOOGLE_BASE | {
        "region", "project_id", "batch", "batch_id", "request_id", "num_retries_if_resource_is_not_ready",
        "retry", "timeout", "metadata", "result_retry", "asynchronous", "deferrable", "polling_interval_seconds",
    },
    "CloudRunExecuteJobOperator": GOOGLE_BASE | {
        "project_id", "region", "job_name", "overrides", "polling_period_seconds", "timeout_seconds", "deferrable",
    },
    "BigQueryInsertJobOperator": GOOGLE_BASE | {
        "configuration", "project_id", "location", "job_id", "force_rerun", "reattach_states", "cancel_on_kill",
        "result_retry", "result_timeout", "deferrable", "poll_interval",
    },
    "BigQueryCheckOperator": GOOGLE_BASE | {
        "sql", "use_legacy_sql", "location", "labels", "encryption_configuration", "deferrable", "poll_interval",
        "query_params",
    },
    "BigQueryValueCheckOperator": GOOGLE_BASE | {
        "sql", "pass_value", "tolerance", "use_legacy_sql", "location", "labels", "encryption_configuration",
        "deferrable", "poll_interval",
    },
    "ShortCircuitOperator": {
        "python_callable", "op_args", "op_kwargs", "templates_dict", "templates_exts",
        "show_return_value_in_logs", "ignore_downstream_trigger_rules",
    },
    "PythonOperator": {
        "python_callable", "op_args", "op_kwargs", "templates_dict", "templates_exts", "show_return_value_in_logs",
    },
}
REQUIRED = {
    "DataprocCreateBatchOperator": {"task_id", "region", "project_id", "batch", "batch_id"},
    "CloudRunExecuteJobOperator": {"task_id", "project_id", "region", "job_name"},
    "BigQueryInsertJobOperator": {"task_id", "configuration", "location", "project_id"},
    "BigQueryCheckOperator": {"task_id", "sql", "use_legacy_sql", "location"},
    "BigQueryValueCheckOperator": {"task_id", "sql", "pass_value", "use_legacy_sql", "location"},
}
CHECK_OPERATORS = (
    "BigQueryCheckOperator", "BigQueryValueCheckOperator", "BigQueryIntervalCheckOperator",
    "BigQueryColumnCheckOperator", "BigQueryTableCheckOperator",
)
DAG_PARAMETERS = {
    "dag_id", "description", "schedule", "start_date", "end_date", "catchup", "max_active_runs",
    "max_active_tasks", "default_args", "params", "tags", "doc_md", "dagrun_timeout", "on_failure_callback",
    "on_success_callback", "render_template_as_native_obj", "template_searchpath", "user_defined_macros",
    "is_paused_upon_creation", "owner_links", "dag_display_name",
}
BATCH_ID = re.compile(r"^[a-z][a-z0-9-]{2,61}[a-z0-9]$")  # Dataproc: 4-63 of [a-z0-9-]; letter first, no '-' last


def trees() -> dict[str, ast.Module]:
    return {dag_id: parse(path) for dag_id, path in DAG_FILES.items()}


def all_trees() -> dict[str, ast.Module]:
    return {str(p.relative_to(support.DAGS_DIR)): parse(p) for p in support.python_files()}


def assigned_tasks(tree: ast.Module) -> dict[str, str]:
    """Variables assigned inside the `with DAG` block -> the task or group id they hold."""
    result = {}
    for statement in dag_body(tree):
        if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call):
            name = statement.targets[0].id
            call = statement.value
            # X.partial(task_id=...).expand(...)
            if isinstance(call.func, ast.Attribute) and call.func.attr == "expand":
                call = call.func.value
            kw = keywords(call)
            if "task_id" in kw:
                result[name] = literal(kw["task_id"])
            elif support.call_name(call) in ("warehouse_group", "checks_group", "freshness_group"):
                result[name] = support.call_name(call).removesuffix("_group")
    return result


def dependency_chain(tree: ast.Module) -> list[str]:
    """The task ids of the DAG's one top-level `a >> b >> ...` statement, in order."""
    tasks = assigned_tasks(tree)
    chains = [
        s.value for s in dag_body(tree)
        if isinstance(s, ast.Expr) and isinstance(s.value, ast.BinOp) and isinstance(s.value.op, ast.RShift)
    ]
    if len(chains) != 1:
        raise AssertionError(f"expected one dependency chain, found {len(chains)}")
    return [tasks[node.id] for node in rshift_chain(chains[0])]


class DagDefinitionTests(unittest.TestCase):
    def test_each_file_defines_its_dag_id(self) -> None:
        for dag_id, tree in trees().items():
            with self.subTest(dag=dag_id):
                self.assertEqual(literal(keywords(dag_call(tree))["dag_id"]), dag_id)

    def test_dag_arguments_are_airflow_dag_parameters(self) -> None:
        for dag_id, tree in trees().items():
            with self.subTest(dag=dag_id):
                self.assertLessEqual(set(keywords(dag_call(tree))), DAG_PARAMETERS)

    def test_catchup_false_max_active_runs_1_default_args_and_a_fixed_start_date(self) -> None:
        for dag_id, tree in trees().items():
            with self.subTest(dag=dag_id):
                kw = keywords(dag_call(tree))
                self.assertIs(literal(kw["catchup"]), False)
                self.assertEqual(literal(kw["max_active_runs"]), 1)
                self.assertEqual(ast.unparse(kw["default_args"]), "tasks.default_args()")
                # A dynamic start date (datetime.now(), days_ago) makes runs unpredictable.
                self.assertRegex(ast.unparse(kw["start_date"]), r"^datetime\(\d{4}, \d+, \d+\)$")

    def test_default_args_retry_at_least_twice_with_a_delay_and_alert_on_failure(self) -> None:
        returned = support.function(parse(TASKS_PY), "default_args").body[-1].value
        self.assertIsInstance(returned, ast.Dict)
        args = {literal(k): v for k, v in zip(returned.keys, returned.values)}
        self.assertGreaterEqual(literal(args["retries"]), 2)
        self.assertEqual(ast.unparse(args["retry_delay"]).split("(")[0], "timedelta")
        self.assertEqual(ast.unparse(args["on_failure_callback"]), "alerting.on_failure")
        self.assertIn("execution_timeout", args)

    def test_no_task_overrides_retries_below_two(self) -> None:
        for name, tree in all_trees().items():
            for call in ast.walk(tree):
                if isinstance(call, ast.Call) and "retries" in keywords(call) and name != "lakehouse_dags/tasks.py":
                    with self.subTest(file=name):
                        self.assertGreaterEqual(literal(keywords(call)["retries"]), 2)


class ScheduleTests(unittest.TestCase):
    def cron(self, dag_id: str) -> tuple[str, str]:
        schedule = keywords(dag_call(trees()[dag_id]))["schedule"]
        self.assertIsInstance(schedule, ast.Call)
        self.assertEqual(support.call_name(schedule), "CronTriggerTimetable")
        return literal(schedule.args[0]), literal(keywords(schedule)["timezone"])

    def test_daily_runs_on_weekdays_after_the_new_york_close(self) -> None:
        expression, zone = self.cron("stock_lakehouse_daily")
        minute, hour, day, month, weekdays = expression.split()
        self.assertEqual((day, month, weekdays), ("*", "*", "1-5"))
        self.assertEqual(zone, "America/New_York")
        self.assertGreaterEqual(time(int(hour), int(minute)), time(17, 0), "at least an hour after the 16:00 close")

    def test_daily_logical_date_is_the_session_date_in_utc_for_every_weekday_including_dst_changes(self) -> None:
        # CronTriggerTimetable sets the logical date to the trigger time; `ds` is its UTC date.
        expression, zone = self.cron("stock_lakehouse_daily")
        minute, hour = (int(v) for v in expression.split()[:2])
        day = date(2020, 1, 1)
        while day <= date(2035, 12, 31):
            if day.weekday() < 5:
                local = datetime.combine(day, time(hour, minute), ZoneInfo(zone))
                self.assertEqual(local.astimezone(ZoneInfo("UTC")).date(), day, f"ds differs from the session {day}")
            day += timedelta(days=1)

    def test_data_quality_runs_after_the_daily_pipeline_on_weekdays(self) -> None:
        daily_minute, daily_hour = (int(v) for v in self.cron("stock_lakehouse_daily")[0].split()[:2])
        expression, zone = self.cron("stock_lakehouse_data_quality")
        minute, hour, day, month, weekdays = expression.split()
        self.assertEqual((day, month, weekdays, zone), ("*", "*", "1-5", "America/New_York"))
        self.assertGreaterEqual(
            (int(hour) - daily_hour) * 60 + int(minute) - daily_minute, 120, "two hours after the daily start"
        )

    def test_data_quality_checks_the_session_before_its_utc_logical_date_for_every_weekday(self) -> None:
        # Its trigger falls after midnight UTC all year (EST and EDT), so the session is `ds` minus one day.
        expression, zone = self.cron("stock_lakehouse_data_quality")
        minute, hour = (int(v) for v in expression.split()[:2])
        day = date(2020, 1, 1)
        while day <= date(2035, 12, 31):
            if day.weekday() < 5:
                local = datetime.combine(day, time(hour, minute), ZoneInfo(zone))
                self.assertEqual(local.astimezone(ZoneInfo("UTC")).date() - timedelta(days=1), day, f"session {day}")
            day += timedelta(days=1)
        source = (support.DAGS_DIR / "stock_lakehouse_data_quality.py").read_text(encoding="utf-8")
        self.assertEqual(source.count("utc_day_after_session=True"), 2, "freshness and checks both shift the date")

    def test_backfill_runs_only_when_triggered_with_a_date_range(self) -> None:
        kw = keywords(dag_call(trees()["stock_lakehouse_backfill"]))
        self.assertIsNone(literal(kw["schedule"]))
        params = {literal(k): v for k, v in zip(kw["params"].keys, kw["params"].values)}
        self.assertEqual(set(params), {"start_date", "end_date", "window_trading_days"})
        for name in ("start_date", "end_date"):
            param = keywords(params[name])
            self.assertEqual((literal(param["type"]), literal(param["format"])), ("string", "date"))
        self.assertGreaterEqual(literal(keywords(params["window_trading_days"])["minimum"]), 1)


class DependencyTests(unittest.TestCase):
    EXPECTED = {
        "stock_lakehouse_daily": ["is_trading_day", "extract", "silver", "gold", "warehouse", "checks"],
        "stock_lakehouse_backfill": ["plan_windows", "extract", "silver", "gold", "warehouse", "checks"],
        "stock_lakehouse_data_quality": ["configured", "freshness", "checks"],
    }

    def test_each_dag_is_one_chain_in_pipeline_order(self) -> None:
        for dag_id, tree in trees().items():
            with self.subTest(dag=dag_id):
                self.assertEqual(dependency_chain(tree), self.EXPECTED[dag_id])

    def test_every_task_of_a_dag_is_in_its_chain(self) -> None:
        for dag_id, tree in trees().items():
            with self.subTest(dag=dag_id):
                self.assertEqual(sorted(assigned_tasks(tree).values()), sorted(self.EXPECTED[dag_id]))

    def test_task_ids_are_unique_and_valid(self) -> None:
        for dag_id, tree in trees().items():
            ids = [literal(keywords(c)["task_id"]) for c in ast.walk(tree)
                   if isinstance(c, ast.Call) and "task_id" in keywords(c)]
            with self.subTest(dag=dag_id):
                self.assertEqual(len(ids), len(set(ids)))
                for task_id in ids:
                    self.assertRegex(task_id, r"^[A-Za-z0-9_.-]{1,250}$")

    def test_daily_skips_everything_on_a_non_trading_day(self) -> None:
        (gate,) = calls(trees()["stock_lakehouse_daily"], "ShortCircuitOperator")
        kw = keywords(gate)
        self.assertEqual(ast.unparse(kw["python_callable"]), "trading_calendar.is_trading_day")
        self.assertEqual(literal(kw["op_kwargs"]), {"day": "{{ ds }}"})
        # The default (True) skips all downstream tasks whatever their trigger rule.
        self.assertNotIn("ignore_downstream_trigger_rules", kw)

    def test_warehouse_group_loads_then_merges_in_manifest_order_then_creates_marts(self) -> None:
        body = support.function(parse(TASKS_PY), "warehouse_group")
        source = ast.unparse(body)
        for task_id in ("f'load_{name}'", "f'merge_{name}'", "f'mart_{view}'"):
            self.assertIn(f"task_id={task_id}", source)
        edges = {ast.unparse(e) for e in ast.walk(body) if isinstance(e, ast.BinOp) and isinstance(e.op, ast.RShift)}
        self.assertEqual(edges, {"load >> merge", "previous_merge >> merge", "previous_view >> mart"})
        self.assertIn("for name in artifacts.table_names()", source)
        self.assertIn("for view in artifacts.mart_names()", source)

    def test_backfill_extract_is_mapped_over_the_planned_windows_with_bounded_concurrency(self) -> None:
        tree = trees()["stock_lakehouse_backfill"]
        (partial,) = calls(tree, "CloudRunExecuteJobOperator.partial")
        self.assertLessEqual(literal(keywords(partial)["max_active_tis_per_dag"]), 4)
        expand = next(n for n in ast.walk(tree) if isinstance(n, ast.Call)
                      and isinstance(n.func, ast.Attribute) and n.func.attr == "expand")
        self.assertEqual(ast.unparse(keywords(expand)["overrides"]), "plan_windows.output")
        (planner,) = calls(tree, "PythonOperator")
        self.assertEqual(ast.unparse(keywords(planner)["python_callable"]), "trading_calendar.backfill_windows")
        kw = keywords(dag_call(tree))
        self.assertLessEqual(literal(kw["max_active_tasks"]), 8)


class OperatorArgumentTests(unittest.TestCase):
    def operator_calls(self):
        for name, tree in all_trees().items():
            for call in ast.walk(tree):
                if isinstance(call, ast.Call):
                    operator = (support.call_name(call) or "").removesuffix(".partial")
                    if operator in OPERATOR_PARAMETERS:
                        yield name, operator, call

    def test_every_operator_argument_exists_and_the_required_ones_are_given(self) -> None:
        seen = set()
        for name, operator, call in self.operator_calls():
            seen.add(operator)
            given = set(keywords(call))
            with self.subTest(file=name, operator=operator, line=call.lineno):
                for unpacked in (k.value for k in call.keywords if k.arg is None):
                    # **bigquery_kwargs(cfg): the keys its returned dict literal spells out.
                    self.assertEqual(ast.unparse(unpacked), "bigquery_kwargs(cfg)")
                    returned = support.function(parse(TASKS_PY), "bigquery_kwargs").body[-1].value
                    given |= {literal(k) for k in returned.keys}
                self.assertLessEqual(given, OPERATOR_PARAMETERS[operator] | BASE_OPERATOR)
                self.assertLessEqual(REQUIRED.get(operator, {"task_id"}), given)
        self.assertLessEqual(set(REQUIRED), seen, "every operator kind the pipeline needs is used")

    def test_every_bigquery_check_uses_standard_sql_explicitly(self) -> None:
        found = 0
        for name, tree in all_trees().items():
            for call in calls(tree, *CHECK_OPERATORS):
                found += 1
                with self.subTest(file=name, line=call.lineno):
                    self.assertIn("use_legacy_sql", keywords(call), "check operators default to legacy SQL")
                    self.assertIs(literal(keywords(call)["use_legacy_sql"]), False)
        self.assertGreaterEqual(found, 2)

    def test_violation_count_checks_pass_only_on_zero(self) -> None:
        (value_check,) = calls(parse(TASKS_PY), "BigQueryValueCheckOperator")
        self.assertEqual(literal(keywords(value_check)["pass_value"]), 0)
        self.assertEqual(ast.unparse(keywords(value_check)["sql"]), "artifacts.session_date_sql(check['sql'], utc_day_after_session)")

    def test_the_session_shift_rewrites_the_date_literal_of_the_freshness_check(self) -> None:
        from lakehouse_dags import artifacts

        (fresh,) = [c for c in artifacts.checks() if artifacts.uses_run_date(c["sql"])]
        shifted = artifacts.session_date_sql(fresh["sql"], True)
        self.assertNotIn(artifacts.RUN_DATE_SQL, shifted.replace(artifacts.PREVIOUS_UTC_DAY_SQL, ""))
        self.assertEqual(shifted.count(artifacts.PREVIOUS_UTC_DAY_SQL), fresh["sql"].count(artifacts.RUN_DATE_SQL))
        self.assertEqual(artifacts.session_date_sql(fresh["sql"], False), fresh["sql"])

    def test_every_bigquery_query_job_uses_standard_sql(self) -> None:
        found = 0
        for name, tree in all_trees().items():
            for node in ast.walk(tree):
                if isinstance(node, ast.Dict):
                    keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
                    if "query" in keys and "useLegacySql" in keys:
                        found += 1
                        value = node.values[keys.index("useLegacySql")]
                        with self.subTest(file=name, line=node.lineno):
                            self.assertIs(literal(value), False)
        self.assertGreaterEqual(found, 2)

    def test_gcs_to_bigquery_operator_is_not_used(self) -> None:
        # It cannot pass hive-partitioning options for Parquet; loads use BigQueryInsertJobOperator.
        for path in support.python_files():
            with self.subTest(file=path.name):
                self.assertNotIn("GCSToBigQueryOperator", path.read_text(encoding="utf-8"))

    def test_bigquery_tasks_run_as_the_loader_in_the_dataset_location(self) -> None:
        source = ast.unparse(support.function(parse(TASKS_PY), "bigquery_kwargs"))
        self.assertIn("cfg['location']", source)
        self.assertIn("cfg['bigquery_service_account']", source)
        for call in calls(parse(TASKS_PY), "BigQueryInsertJobOperator", *CHECK_OPERATORS):
            with self.subTest(line=call.lineno):
                self.assertTrue(any(k.arg is None and ast.unparse(k.value) == "bigquery_kwargs(cfg)"
                                    for k in call.keywords))


def module_constant(tree: ast.Module, node: ast.expr):
    """The value of a literal, or of a module-level NAME = <literal> that `node` names."""
    if isinstance(node, ast.Name):
        for statement in tree.body:
            if isinstance(statement, ast.Assign) and any(isinstance(t, ast.Name) and t.id == node.id for t in statement.targets):
                return literal(statement.value)
        raise AssertionError(f"{node.id} is not a module-level constant")
    return literal(node)


class BatchIdTests(unittest.TestCase):
    def batch_id_calls(self) -> dict[tuple[str, str], tuple[str, str]]:
        """(dag, task) -> (job, suffix) of `batch_id=artifacts.batch_id(job, suffix=...)`."""
        found = {}
        for dag_id, tree in trees().items():
            for call in calls(tree, "DataprocCreateBatchOperator"):
                kw = keywords(call)
                value = kw["batch_id"]
                self.assertEqual(ast.unparse(value.func), "artifacts.batch_id", "the id derives from the generated one")
                # The batch's run id is the batch id: the same job and suffix.
                self.assertEqual(ast.unparse(kw["batch"]), ast.unparse(value).replace("artifacts.batch_id", "artifacts.batch_resource"))
                found[(dag_id, literal(kw["task_id"]))] = (literal(value.args[0]), module_constant(tree, keywords(value)["suffix"]))
        return found

    def batch_ids(self) -> dict[tuple[str, str], str]:
        """The batch id templates as the DAGs compute them from dags/generated."""
        if not (support.GENERATED_DIR / "manifest.json").is_file():
            self.skipTest("dags/generated is missing: run `lakehouse artifacts --out dags/generated`")
        from lakehouse_dags import artifacts

        return {key: artifacts.batch_id(job, suffix) for key, (job, suffix) in self.batch_id_calls().items()}

    def dates(self):
        """Every day of 1990-2099 would be 40,000 renders per template; take every year's boundaries,
        every leap day, and every day of two whole years (one of them a leap year)."""
        days = set()
        for year in range(1990, 2100):
            days |= {date(year, 1, 1), date(year, 12, 31), date(year, 2, 28)}
            if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
                days.add(date(year, 2, 29))
        for start in (date(2024, 1, 1), date(2031, 1, 1)):
            days |= {start + timedelta(days=i) for i in range(366)}
        return sorted(days)

    def test_silver_and_gold_batches_in_daily_and_backfill(self) -> None:
        self.assertEqual(
            set(self.batch_id_calls()),
            {("stock_lakehouse_daily", "silver"), ("stock_lakehouse_daily", "gold"),
             ("stock_lakehouse_backfill", "silver"), ("stock_lakehouse_backfill", "gold")},
        )

    def test_batch_ids_are_valid_for_any_date_time_and_try(self) -> None:
        for key, template in self.batch_ids().items():
            with self.subTest(task=key):
                for day in self.dates():
                    for moment in (time(0, 0, 0), time(23, 59, 59)):
                        for try_number in (1, 2, 3, 10, 99):
                            rendered = support.render(
                                template, support.context_for(datetime.combine(day, moment), try_number)
                            )
                            self.assertRegex(rendered, BATCH_ID, f"{template} on {day} try {try_number}")

    def test_batch_ids_differ_per_date_job_dag_and_try(self) -> None:
        # A retry must create a new batch: an id that exists attaches to the old (possibly failed) batch.
        rendered = {}
        for key, template in self.batch_ids().items():
            for day in (date(2024, 2, 28), date(2024, 2, 29), date(2024, 3, 1)):
                for try_number in (1, 2):
                    context = support.context_for(datetime.combine(day, time(22, 30)), try_number)
                    rendered[(key, day, try_number)] = support.render(template, context)
        self.assertEqual(len(set(rendered.values())), len(rendered))

    def test_the_id_pattern_rejects_invalid_ids(self) -> None:
        for bad in ("abc", "Silver-20240229", "silver_20240229", "silver-20240229-", "1silver", "s" * 64):
            with self.subTest(id=bad):
                self.assertNotRegex(bad, BATCH_ID)


if __name__ == "__main__":
    unittest.main()
