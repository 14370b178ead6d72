"""Shared helpers of the DAG tests: paths, AST queries and a small Jinja renderer (standard library only).

Airflow cannot be installed here, so the DAG files are never imported: they are compiled and read as ASTs.
The helper package dags/lakehouse_dags is imported for real where it does not need Airflow.
"""
from __future__ import annotations

import ast
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DAGS_DIR = REPO / "dags"
HELPERS_DIR = DAGS_DIR / "lakehouse_dags"
GENERATED_DIR = DAGS_DIR / "generated"
SCHEMAS_DIR = REPO / "schemas"

DAG_FILES = {
    "stock_lakehouse_daily": DAGS_DIR / "stock_lakehouse_daily.py",
    "stock_lakehouse_backfill": DAGS_DIR / "stock_lakehouse_backfill.py",
    "stock_lakehouse_data_quality": DAGS_DIR / "stock_lakehouse_data_quality.py",
}

if str(DAGS_DIR) not in sys.path:
    sys.path.insert(0, str(DAGS_DIR))


def python_files() -> list[Path]:
    """Every Python file the DAG folder deploys (generated/ holds no Python)."""
    return sorted(p for p in DAGS_DIR.rglob("*.py") if "generated" not in p.relative_to(DAGS_DIR).parts)


def parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def call_name(call: ast.Call) -> str | None:
    """`Foo(...)` -> Foo, `mod.Foo(...)` -> Foo, `Foo.partial(...)` -> Foo.partial."""
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        if isinstance(func.value, ast.Name) and func.attr == "partial":
            return f"{func.value.id}.partial"
        return func.attr
    return None


def calls(tree: ast.AST, *names: str) -> list[ast.Call]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call) and call_name(n) in names]


def keywords(call: ast.Call) -> dict[str, ast.expr]:
    return {k.arg: k.value for k in call.keywords if k.arg is not None}


def literal(node: ast.expr):
    """The Python value of a literal node; raises ValueError for anything computed."""
    return ast.literal_eval(node)


def dag_call(tree: ast.Module) -> ast.Call:
    """The DAG(...) of a `with DAG(...) as dag:` block (exactly one per file)."""
    found = [
        item.context_expr
        for node in ast.walk(tree)
        if isinstance(node, ast.With)
        for item in node.items
        if isinstance(item.context_expr, ast.Call) and call_name(item.context_expr) == "DAG"
    ]
    if len(found) != 1:
        raise AssertionError(f"expected one `with DAG(...)` block, found {len(found)}")
    return found[0]


def dag_body(tree: ast.Module) -> list[ast.stmt]:
    for node in ast.walk(tree):
        if isinstance(node, ast.With) and any(
            isinstance(i.context_expr, ast.Call) and call_name(i.context_expr) == "DAG" for i in node.items
        ):
            return node.body
    raise AssertionError("no `with DAG(...)` block")


def rshift_chain(expr: ast.expr) -> list[ast.expr]:
    """`a >> b >> c` -> [a, b, c]."""
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.RShift):
        return rshift_chain(expr.left) + rshift_chain(expr.right)
    return [expr]


def function(tree: ast.Module, name: str) -> ast.FunctionDef:
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return node
    raise AssertionError(f"no function {name}")


def dotted(node: ast.expr) -> str:
    """`a.b.c` -> "a.b.c" (Names and Attributes only)."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    raise ValueError(ast.dump(node))


# ---- a Jinja subset ---------------------------------------------------------------------------------

_EXPRESSION = re.compile(r"{{\s*(.*?)\s*}}")
_FILTER = re.compile(r"^(\w+)(?:\((.*)\))?$")


class TemplateError(ValueError):
    pass


def _lookup(context: dict, path: str):
    value = context
    for part in path.split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif hasattr(value, part):
            value = getattr(value, part)
        else:
            raise TemplateError(f"unknown template variable '{path}'")
    return value


def render(template: str, context: dict) -> str:
    """Renders `{{ name.attr | filter(...) }}` expressions (filters: lower, upper, replace); refuses
    statements ({% %}) and anything else, so a template using more than this subset fails the test."""
    if "{%" in template or "{#" in template:
        raise TemplateError(f"unsupported Jinja statement or comment in {template!r}")

    def substitute(match: re.Match) -> str:
        head, *filters = [part.strip() for part in match.group(1).split("|")]
        if not re.fullmatch(r"[A-Za-z_][\w.]*", head):
            raise TemplateError(f"unsupported expression '{head}'")
        value = str(_lookup(context, head))
        for spec in filters:
            filter_match = _FILTER.match(spec)
            if not filter_match:
                raise TemplateError(f"unsupported filter '{spec}'")
            name, arguments = filter_match.groups()
            if name == "lower":
                value = value.lower()
            elif name == "upper":
                value = value.upper()
            elif name == "replace":
                old, new = ast.literal_eval(f"({arguments},)")
                value = value.replace(old, new)
            else:
                raise TemplateError(f"unsupported filter '{name}'")
        return value

    return _EXPRESSION.sub(substitute, template)


def render_object(value, context: dict):
    """Renders every string inside a JSON-like value, the way Airflow renders templated dict fields."""
    if isinstance(value, str):
        return render(value, context)
    if isinstance(value, dict):
        return {k: render_object(v, context) for k, v in value.items()}
    if isinstance(value, list):
        return [render_object(v, context) for v in value]
    return value


def template_variables(value) -> set[str]:
    """Every `{{ name... }}` head used anywhere inside a JSON-like value or string."""
    found: set[str] = set()
    if isinstance(value, str):
        for expression in _EXPRESSION.findall(value):
            found.add(expression.split("|")[0].strip())
    elif isinstance(value, dict):
        for item in value.values():
            found |= template_variables(item)
    elif isinstance(value, list):
        for item in value:
            found |= template_variables(item)
    return found


class TaskInstance:
    def __init__(self, try_number: int) -> None:
        self.try_number = try_number


class DagRun:
    def __init__(self, run_id: int) -> None:
        self.id = run_id


def context_for(logical_date, try_number: int = 1, params: dict | None = None, dag_run_id: int = 1) -> dict:
    """The template variables Airflow 2 provides that the DAGs use, for one logical date (a datetime) and one
    DAG run (its id in Airflow's database)."""
    return {
        "ds": logical_date.strftime("%Y-%m-%d"),
        "ds_nodash": logical_date.strftime("%Y%m%d"),
        "ts_nodash": logical_date.strftime("%Y%m%dT%H%M%S"),
        "ti": TaskInstance(try_number),
        "dag_run": DagRun(dag_run_id),
        "params": params or {},
    }


def load_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def gold_tables() -> dict[str, dict]:
    """schemas/gold: table name -> its .table.json metadata."""
    return {
        p.name[: -len(".table.json")]: load_json(p) for p in sorted((SCHEMAS_DIR / "gold").glob("*.table.json"))
    }


def gold_columns(table: str) -> list[str]:
    return [c["name"] for c in load_json(SCHEMAS_DIR / "gold" / f"{table}.schema.json")]
