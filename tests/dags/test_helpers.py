"""The helper package dags/lakehouse_dags, imported for real (it needs no Airflow at import time)."""
from __future__ import annotations

import json
import logging
import tempfile
import unittest
from datetime import date, datetime, timedelta
from pathlib import Path
from unittest import mock

import support  # noqa: F401  (puts dags/ on sys.path)
from lakehouse_dags import alerting, artifacts, config, reporting, trading_calendar, warehouse


class ConfigTests(unittest.TestCase):
    FULL = {name: f"value-{i}" for i, name in enumerate(config.VARIABLES)}

    def test_values_map_every_variable_to_its_key(self) -> None:
        values = config.values(self.FULL)
        self.assertEqual(set(values), set(config.VARIABLES.values()))
        self.assertEqual(values["project"], self.FULL["LAKEHOUSE_PROJECT"])

    def test_missing_names_every_required_variable_that_is_unset_or_empty(self) -> None:
        environ = dict(self.FULL, LAKEHOUSE_PROJECT="", LAKEHOUSE_ALERT_EMAIL="")
        del environ["LAKEHOUSE_REGION"]
        self.assertEqual(config.missing(environ), ["LAKEHOUSE_PROJECT", "LAKEHOUSE_REGION"])

    def test_require_complete_fails_with_the_missing_names(self) -> None:
        with self.assertRaisesRegex(RuntimeError, "LAKEHOUSE_BQ_DATASET"):
            config.require_complete({k: v for k, v in self.FULL.items() if k != "LAKEHOUSE_BQ_DATASET"})
        config.require_complete(self.FULL)

    def test_an_empty_environment_still_gives_every_key(self) -> None:
        self.assertEqual(set(config.values({})), set(config.VARIABLES.values()))


class AlertingTests(unittest.TestCase):
    class TI:
        dag_id, task_id, try_number, log_url = "stock_lakehouse_daily", "gold", 3, "https://airflow/log?x"

    def context(self) -> dict:
        return {
            "task_instance": self.TI(),
            "run_id": "scheduled__2024-02-29T23:30:00+00:00",
            "logical_date": datetime(2024, 2, 29, 23, 30),
            "exception": ValueError("Batch job failed"),
        }

    def test_alert_line_starts_with_the_marker_and_carries_json(self) -> None:
        line = alerting.format_alert(self.context())
        marker, payload = line.split(" ", 1)
        self.assertEqual(marker, "LAKEHOUSE_ALERT")
        data = json.loads(payload)
        self.assertEqual(data["task_id"], "gold")
        self.assertEqual(data["try_number"], 3)
        self.assertEqual(data["logical_date"], "2024-02-29T23:30:00")
        self.assertEqual(data["error"], "ValueError: Batch job failed")

    def test_on_failure_logs_the_line_at_error(self) -> None:
        with self.assertLogs("airflow.task", level=logging.ERROR) as logs:
            alerting.on_failure(self.context())
        self.assertTrue(logs.output[0].startswith("ERROR:airflow.task:LAKEHOUSE_ALERT {"))

    def test_a_context_without_exception_or_instance_still_alerts(self) -> None:
        self.assertIn('"task_id": null', alerting.format_alert({}))


class TradingCalendarTests(unittest.TestCase):
    def test_dim_date_flag_wins_and_weekdays_fill_unknown_days(self) -> None:
        known = {date(2024, 12, 25): False, date(2024, 12, 28): True}  # a holiday; a (fake) Saturday session
        days = trading_calendar.resolve_days(date(2024, 12, 23), date(2024, 12, 29), known)
        self.assertEqual(
            days,
            [date(2024, 12, 23), date(2024, 12, 24), date(2024, 12, 26), date(2024, 12, 27), date(2024, 12, 28)],
        )

    def test_an_empty_calendar_gives_the_weekdays(self) -> None:
        days = trading_calendar.resolve_days(date(2024, 2, 26), date(2024, 3, 3), {})
        self.assertEqual([d.isoweekday() for d in days], [1, 2, 3, 4, 5])

    def test_end_before_start_is_refused(self) -> None:
        with self.assertRaisesRegex(ValueError, "before the start"):
            trading_calendar.resolve_days(date(2024, 3, 2), date(2024, 3, 1), {})

    def test_windows_cover_every_day_once_in_order_and_bounded(self) -> None:
        days = trading_calendar.resolve_days(date(2023, 12, 1), date(2024, 3, 31), {})
        for size in (1, 5, 21, 63, 1000):
            with self.subTest(size=size):
                windows = trading_calendar.windows(days, size)
                covered = [d for d in days if any(a <= d <= b for a, b in windows)]
                self.assertEqual(covered, days)
                self.assertEqual([a for a, _ in windows], sorted(a for a, _ in windows))
                for a, b in windows:
                    self.assertLessEqual(sum(1 for d in days if a <= d <= b), size)
                    self.assertIn(a, days)
                    self.assertIn(b, days)
                for (_, end), (start, _) in zip(windows, windows[1:]):
                    self.assertLess(end, start)

    def test_no_trading_day_gives_no_window(self) -> None:
        self.assertEqual(trading_calendar.windows([], 10), [])
        with self.assertRaises(ValueError):
            trading_calendar.windows([date(2024, 1, 2)], 0)

    def test_parse_day_names_the_bad_value(self) -> None:
        self.assertEqual(trading_calendar.parse_day("2024-02-29"), date(2024, 2, 29))
        with self.assertRaisesRegex(ValueError, "'2023-02-29'"):
            trading_calendar.parse_day("2023-02-29")

    def test_is_trading_day_reads_dim_date_and_falls_back_to_weekdays_when_it_is_empty(self) -> None:
        environ = {name: "x" for name in config.VARIABLES}
        with mock.patch.dict("os.environ", environ):
            with mock.patch.object(warehouse, "query_rows", return_value=[(False, "Christmas Day")]) as query:
                self.assertFalse(trading_calendar.is_trading_day("2024-12-25", "SQL"))
            self.assertEqual(query.call_args.args, ("SQL", [("day", "DATE", "2024-12-25")]))
            with mock.patch.object(warehouse, "query_rows", return_value=[(True, None)]):
                self.assertTrue(trading_calendar.is_trading_day("2024-12-24", "SQL"))
            with mock.patch.object(warehouse, "query_rows", return_value=[]), self.assertLogs("airflow.task"):
                self.assertTrue(trading_calendar.is_trading_day("2024-12-25", "SQL"))  # weekday, calendar not loaded yet
                self.assertFalse(trading_calendar.is_trading_day("2024-12-28", "SQL"))

    def test_backfill_windows_become_extractor_overrides(self) -> None:
        environ = dict({name: "x" for name in config.VARIABLES}, LAKEHOUSE_LAKE_BUCKET="lake")
        rows = [(date(2024, 7, 1) + timedelta(days=i), i != 3) for i in range(7)]  # July 4th closed
        with mock.patch.dict("os.environ", environ), mock.patch.object(warehouse, "query_rows", return_value=rows), \
                self.assertLogs("airflow.task"):
            planned = trading_calendar.backfill_windows("2024-07-01", "2024-07-07", "2", "SQL")
        args = [p["container_overrides"][0]["args"] for p in planned]
        self.assertEqual(
            args,
            [
                ["extract", "--source", "yahoo", "--mode", "backfill", "--lake", "gs://lake", "--allow-incomplete", "--from", "2024-07-01", "--to", "2024-07-02"],
                ["extract", "--source", "yahoo", "--mode", "backfill", "--lake", "gs://lake", "--allow-incomplete", "--from", "2024-07-03", "--to", "2024-07-05"],
                ["extract", "--source", "yahoo", "--mode", "backfill", "--lake", "gs://lake", "--allow-incomplete", "--from", "2024-07-06", "--to", "2024-07-07"],
            ],
        )
        self.assertNotIn("{{", json.dumps(planned), "XCom values reaching a mapped task are not templated")

    def test_the_planner_fails_before_querying_when_the_configuration_is_incomplete(self) -> None:
        with mock.patch.dict("os.environ", {}, clear=True), mock.patch.object(warehouse, "query_rows") as query:
            with self.assertRaisesRegex(RuntimeError, "LAKEHOUSE_PROJECT"):
                trading_calendar.backfill_windows("2024-07-01", "2024-07-07", 5, "SQL")
        query.assert_not_called()


class ReportingTests(unittest.TestCase):
    def test_stale_symbols_become_one_warning_line_and_the_task_succeeds(self) -> None:
        rows = [(f"S{i}", date(2024, 2, 1)) for i in range(reporting.SAMPLE_ROWS + 5)]
        with mock.patch.object(warehouse, "query_rows", return_value=rows) as query, \
                self.assertLogs("airflow.task", logging.WARNING) as logs:
            self.assertEqual(reporting.report_rows("fact_stock_price.symbol_fresh", "SELECT rendered"), len(rows))
        self.assertEqual(query.call_args.args, ("SELECT rendered", []))
        (line,) = logs.output
        payload = json.loads(line.split(reporting.WARNING_MARKER, 1)[1])
        self.assertEqual((payload["check"], payload["rows"]), ("fact_stock_price.symbol_fresh", len(rows)))
        self.assertEqual(payload["sample"][0], ["S0", "2024-02-01"])
        self.assertEqual(len(payload["sample"]), reporting.SAMPLE_ROWS)

    def test_nothing_stale_logs_no_warning(self) -> None:
        with mock.patch.object(warehouse, "query_rows", return_value=[]), self.assertLogs("airflow.task", logging.INFO) as logs:
            self.assertEqual(reporting.report_rows("c", "SELECT 1"), 0)
        self.assertFalse(any(reporting.WARNING_MARKER in line for line in logs.output))


class ArtifactPathTests(unittest.TestCase):
    def setUp(self) -> None:
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        root = Path(self.tmp.name, "generated")
        (root / "bigquery").mkdir(parents=True)
        (root / "bigquery" / "t.merge.sql").write_text("MERGE ...", encoding="utf-8")
        (root / "manifest.json").write_text(
            json.dumps({"tables": [{"table": "t", "files": {"merge": "bigquery/t.merge.sql"}}]}), encoding="utf-8"
        )
        patcher = mock.patch.object(artifacts, "GENERATED_DIR", str(root))
        patcher.start()
        self.addCleanup(patcher.stop)
        artifacts.manifest.cache_clear()
        self.addCleanup(artifacts.manifest.cache_clear)

    def test_files_are_found_through_the_manifest(self) -> None:
        self.assertEqual(artifacts.table_names(), ["t"])
        self.assertEqual(artifacts.merge_sql("t"), "MERGE ...")

    def test_a_missing_file_fails_with_the_command_that_generates_it(self) -> None:
        with self.assertRaisesRegex(KeyError, "no 'load' file"):
            artifacts.load_configuration("t")
        with self.assertRaisesRegex(FileNotFoundError, "lakehouse artifacts --out dags/generated"):
            artifacts.read_text("bigquery/other.sql")

    def test_a_path_outside_generated_is_refused(self) -> None:
        with self.assertRaisesRegex(ValueError, "leaves dags/generated"):
            artifacts.read_text("../secrets.txt")

    def test_unknown_table_is_named(self) -> None:
        with self.assertRaisesRegex(KeyError, "'nope'"):
            artifacts.table("nope")


if __name__ == "__main__":
    unittest.main()
