"""Every Python file deployed to the Composer DAG folder compiles."""
from __future__ import annotations

import py_compile
import tempfile
import unittest
from pathlib import Path

from support import DAG_FILES, DAGS_DIR, python_files


class CompileTests(unittest.TestCase):
    def test_every_dag_file_exists(self) -> None:
        for dag_id, path in DAG_FILES.items():
            with self.subTest(dag=dag_id):
                self.assertTrue(path.is_file(), f"{path} is missing")

    def test_every_python_file_compiles(self) -> None:
        files = python_files()
        self.assertGreaterEqual(len(files), len(DAG_FILES) + 4)
        with tempfile.TemporaryDirectory() as tmp:
            for path in files:
                with self.subTest(file=str(path.relative_to(DAGS_DIR))):
                    py_compile.compile(str(path), cfile=str(Path(tmp, path.name + "c")), doraise=True)

    def test_a_syntax_error_is_reported(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            broken = Path(tmp, "broken.py")
            broken.write_text("with DAG(dag_id='x') as dag\n    pass\n", encoding="utf-8")
            with self.assertRaises(py_compile.PyCompileError):
                py_compile.compile(str(broken), cfile=str(broken) + "c", doraise=True)

    def test_helpers_and_generated_files_are_not_parsed_as_dags(self) -> None:
        ignored = (DAGS_DIR / ".airflowignore").read_text(encoding="utf-8").split()
        self.assertIn("lakehouse_dags/", ignored)
        self.assertIn("generated/", ignored)


if __name__ == "__main__":
    unittest.main()
