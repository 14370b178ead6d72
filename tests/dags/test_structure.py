"""The DAGs' structure, proven on their AST: ids, schedules, dependencies, retries, operator arguments.

Airflow cannot be installed here, so a misspelled operator argument would only fail in Composer; every
operator call is therefore checked against the operator's parameters as its source declares them
(fixtures/provider_facts.json, with the provider version Composer's pinned image bundles).
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

FACTS = support.provider_facts()
# Every operator the DAGs use, with the keywords it takes and must be given (fixtures/provider_facts.json, read
# from the operators' own source).
OPERATOR_PARAMETERS = {name: support.operator_parameters(FACTS, name) for name in FACTS["operators"]}
REQUIRED = {name: {"task_id", *spec["required"]} for name, spec in FACTS["operators"].items()}
# What the pipeline itself adds to the operators' required arguments: where and in which project.
REQUIRED["DataprocCreateBatchOperator"] |= {"project_id", "batch_id"}
REQUIRED["BigQueryInsertJobOperator"] |= {"project_id", "location"}
REQUIRED["BigQueryValueCheckOperator"] |= {"use_legacy_sql", "location"}
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
            elif support.call_name(call) in ("warehouse_group", "checks_group", "warnings_group"):
                result[name] = support.call_name(call).removesuffix("_group")
            elif support.call_name(call) == "spark_batch":
                result[name] = literal(call.args[-1])
            elif support.call_name(call) == "wait_for_session_load":
                result[name] = "wait_for_session_load"
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
    return [
        sorted(tasks[e.id] for e in node.elts) if isinstance(node, ast.List) else tasks[node.id]
        for node in rshift_chain(chains[0])
    ]


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

    def test_a_trigger_after_19_or_20_new_york_falls_on_the_next_utc_day(self) -> None:
        # Why the session is the New York date of the data interval end, not `ds` (the UTC date): the
        # data-quality DAG's own trigger and any manual run in the evening fall on the next UTC day.
        for day in (date(2025, 1, 3), date(2025, 7, 3)):  # EST and EDT
            evening = datetime.combine(day, time(20, 15), ZoneInfo("America/New_York"))
            with self.subTest(day=day):
                self.assertEqual(evening.astimezone(ZoneInfo("UTC")).date(), day + timedelta(days=1))

    def test_data_quality_runs_after_the_daily_pipeline_on_weekdays(self) -> None:
        daily_minute, daily_hour = (int(v) for v in self.cron("stock_lakehouse_daily")[0].split()[:2])
        expression, zone = self.cron("stock_lakehouse_data_quality")
        minute, hour, day, month, weekdays = expression.split()
        self.assertEqual((day, month, weekdays, zone), ("*", "*", "1-5", "America/New_York"))
        self.assertGreaterEqual(
            (int(hour) - daily_hour) * 60 + int(minute) - daily_minute, 120, "two hours after the daily start"
        )

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
        "stock_lakehouse_data_quality": ["configured", "is_trading_day", "wait_for_session_load", ["checks", "warnings"]],
    }

    def test_each_dag_is_one_chain_in_pipeline_order(self) -> None:
        for dag_id, tree in trees().items():
            with self.subTest(dag=dag_id):
                self.assertEqual(dependency_chain(tree), self.EXPECTED[dag_id])

    def test_every_task_of_a_dag_is_in_its_chain(self) -> None:
        for dag_id, tree in trees().items():
            with self.subTest(dag=dag_id):
                expected = [t for step in self.EXPECTED[dag_id] for t in (step if isinstance(step, list) else [step])]
                self.assertEqual(sorted(assigned_tasks(tree).values()), sorted(expected))

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
        self.assertEqual(
            ast.unparse(kw["op_kwargs"]),
            "{'day': artifacts.session_date(), 'sql': artifacts.calendar_sql('trading_day')}",
        )
        # The default (True) skips all downstream tasks whatever their trigger rule.
        self.assertNotIn("ignore_downstream_trigger_rules", kw)

    def test_warehouse_group_loads_then_merges_in_manifest_order_then_creates_marts(self) -> None:
        body = support.function(parse(TASKS_PY), "warehouse_group")
        source = ast.unparse(body)
        for task_id in ("f'load_{name}'", "f'merge_{name}'"):
            self.assertIn(f"task_id={task_id}", source)
        for query in ("'begin_load', artifacts.load_state_sql('begin')", "f'mart_{view}', artifacts.mart_sql(view)",
                      "'commit_load', artifacts.load_state_sql('commit')"):
            self.assertIn(f"_query(cfg, params, {query})", source)
        edges = {ast.unparse(e) for e in ast.walk(body) if isinstance(e, ast.BinOp) and isinstance(e.op, ast.RShift)}
        self.assertEqual(edges, {
            "begin >> load >> merge", "begin >> load", "previous_merge >> merge", "previous_view >> mart",
            "previous_view >> _query(cfg, params, 'commit_load', artifacts.load_state_sql('commit'))",
        })
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
                self.assertLessEqual(given, OPERATOR_PARAMETERS[operator])
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
        self.assertGreaterEqual(found, 1)

    def test_violation_count_checks_pass_only_on_zero_and_run_the_generated_sql_as_it_is(self) -> None:
        committed, value_check = calls(parse(TASKS_PY), "BigQueryValueCheckOperator")
        for call in (committed, value_check):
            self.assertEqual(literal(keywords(call)["pass_value"]), 0)
        self.assertEqual(ast.unparse(keywords(committed)["sql"]), "artifacts.load_state_sql('require_committed')")
        self.assertEqual(ast.unparse(keywords(value_check)["sql"]), "check['sql']")

    def test_the_dag_code_holds_no_sql_of_its_own(self) -> None:
        # Every statement comes from dags/generated; the DAG code only templates it.
        keywords_of_sql = re.compile(r"\b(SELECT|MERGE|INSERT|UPDATE|DELETE|CREATE|ALTER)\b")
        for path in support.python_files():
            tree = parse(path)
            docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                          if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                          and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                    with self.subTest(file=path.name, line=node.lineno):
                        self.assertIsNone(keywords_of_sql.search(node.value), node.value)

    def test_tasks_pass_generated_text_through_unchanged(self) -> None:
        # No string surgery on artefacts: no replace(), no format(), no regular expressions in the helpers.
        for path in (HELPERS_DIR / "artifacts.py", TASKS_PY, HELPERS_DIR / "trading_calendar.py"):
            source = path.read_text(encoding="utf-8")
            with self.subTest(file=path.name):
                self.assertNotIn(".replace(", source)
                self.assertNotIn(".format(", source)
                self.assertNotIn("import re", source)

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


class BatchIdTests(unittest.TestCase):
    def batch_ids(self) -> dict[str, str]:
        """The generated batch id templates, which the DAGs pass as they are."""
        if not (support.GENERATED_DIR / "manifest.json").is_file():
            self.skipTest("dags/generated is missing: run `lakehouse artifacts --out dags/generated`")
        from lakehouse_dags import artifacts

        return {job: artifacts.batch(job)["batch_id"] for job in ("silver", "gold")}

    def moments(self):
        """Data interval ends around every year's boundaries and leap days from 1990 to 2099, at the earliest and
        latest New York hour, and every day of two whole years (one a leap year)."""
        days = set()
        for year in range(1990, 2100):
            days |= {date(year, 1, 1), date(year, 12, 31), date(year, 2, 28)}
            if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
                days.add(date(year, 2, 29))
        for start in (date(2024, 1, 1), date(2031, 1, 1)):
            days |= {start + timedelta(days=i) for i in range(366)}
        zone = ZoneInfo("America/New_York")
        return [datetime.combine(d, t, zone) for d in sorted(days) for t in (time(0, 0), time(23, 59, 59))]

    def test_silver_and_gold_in_daily_and_backfill_take_the_generated_batches(self) -> None:
        for dag_id in ("stock_lakehouse_daily", "stock_lakehouse_backfill"):
            jobs = [literal(c.args[-1]) for c in calls(trees()[dag_id], "spark_batch")]
            with self.subTest(dag=dag_id):
                self.assertEqual(jobs, ["silver", "gold"])

    def test_batch_ids_are_valid_for_any_date_run_and_try(self) -> None:
        for job, template in self.batch_ids().items():
            with self.subTest(job=job):
                for moment in self.moments():
                    for run_id, try_number in ((1, 1), (999_999_999, 99)):
                        context = support.context_for(moment, try_number, dag_run_id=run_id, interval_end=moment)
                        rendered = support.render(template, context)
                        self.assertRegex(rendered, BATCH_ID, f"{template} at {moment} try {try_number}")
                        self.assertIn(moment.strftime("%Y%m%d"), rendered, "the New York session date")

    def test_batch_ids_differ_per_date_job_run_and_try(self) -> None:
        # A retry must create a new batch: an id that exists attaches to the old (possibly failed) batch.
        rendered = {}
        for job, template in self.batch_ids().items():
            for day in (date(2024, 2, 28), date(2024, 2, 29), date(2024, 3, 1)):
                for run_id in (7, 8):
                    for try_number in (1, 2):
                        moment = datetime.combine(day, time(18, 30), ZoneInfo("America/New_York"))
                        context = support.context_for(moment, try_number, dag_run_id=run_id, interval_end=moment)
                        rendered[(job, day, run_id, try_number)] = support.render(template, context)
        self.assertEqual(len(set(rendered.values())), len(rendered))

    def test_the_id_pattern_rejects_invalid_ids(self) -> None:
        for bad in ("abc", "Silver-20240229", "silver_20240229", "silver-20240229-", "1silver", "s" * 64):
            with self.subTest(id=bad):
                self.assertNotRegex(bad, BATCH_ID)


if __name__ == "__main__":
    unittest.main()
