"""Shared helpers of the DAG tests: paths, AST queries and a small Jinja renderer (standard library only).

Airflow cannot be installed here, so the DAG files are never imported: they are compiled and read as ASTs.
The helper package dags/lakehouse_dags is imported for real where it does not need Airflow.
"""
from __future__ import annotations

import ast
import json
import re
import sys
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parents[2]
DAGS_DIR = REPO / "dags"
HELPERS_DIR = DAGS_DIR / "lakehouse_dags"
GENERATED_DIR = DAGS_DIR / "generated"
SCHEMAS_DIR = REPO / "schemas"
FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"

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


def _evaluate(node: ast.expr, context: dict, source: str):
    """A Jinja head of names, attributes and method calls with literal arguments, e.g.
    `data_interval_end.in_timezone("America/New_York")`; anything else is refused."""
    if isinstance(node, ast.Name):
        return _lookup(context, node.id)
    if isinstance(node, ast.Attribute):
        value = _evaluate(node.value, context, source)
        if isinstance(value, dict) and node.attr in value:
            return value[node.attr]
        if hasattr(value, node.attr):
            return getattr(value, node.attr)
        raise TemplateError(f"unknown template variable '{source}'")
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and not node.keywords \
            and all(isinstance(a, ast.Constant) for a in node.args):
        return _evaluate(node.func, context, source)(*(a.value for a in node.args))
    raise TemplateError(f"unsupported expression '{source}'")


def render(template: str, context: dict) -> str:
    """Renders `{{ head | filter(...) }}` expressions, head being names, attributes and method calls with
    literal arguments (filters: lower, upper, replace, and Airflow's ds and ds_nodash); refuses statements
    ({% %}) and anything else, so a template using more than this subset fails the test."""
    if "{%" in template or "{#" in template:
        raise TemplateError(f"unsupported Jinja statement or comment in {template!r}")

    def substitute(match: re.Match) -> str:
        head, *filters = [part.strip() for part in match.group(1).split("|")]
        try:
            tree = ast.parse(head, mode="eval").body
        except SyntaxError:
            raise TemplateError(f"unsupported expression '{head}'") from None
        value = _evaluate(tree, context, head)
        for spec in filters:
            filter_match = _FILTER.match(spec)
            if not filter_match:
                raise TemplateError(f"unsupported filter '{spec}'")
            name, arguments = filter_match.groups()
            if name == "ds":
                value = value.strftime("%Y-%m-%d")
            elif name == "ds_nodash":
                value = value.strftime("%Y%m%d")
            elif name == "lower":
                value = str(value).lower()
            elif name == "upper":
                value = str(value).upper()
            elif name == "replace":
                old, new = ast.literal_eval(f"({arguments},)")
                value = str(value).replace(old, new)
            else:
                raise TemplateError(f"unsupported filter '{name}'")
        return str(value)

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
            head = expression.split("|")[0].strip()
            if "(" in head:  # a method call: the variable it is called on
                head = head[: head.index("(")].rsplit(".", 1)[0]
            found.add(head)
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


class Moment:
    """The part of a pendulum DateTime (Airflow's data_interval_end) the templates use: in_timezone and strftime."""

    def __init__(self, value: datetime) -> None:
        if value.tzinfo is None:
            raise ValueError("a data interval end is time-zone aware")
        self.value = value

    def in_timezone(self, zone: str) -> "Moment":
        return Moment(self.value.astimezone(ZoneInfo(zone)))

    def strftime(self, pattern: str) -> str:
        return self.value.strftime(pattern)


def context_for(
    logical_date: datetime, try_number: int = 1, params: dict | None = None, dag_run_id: int = 1,
    interval_end: datetime | None = None,
) -> dict:
    """The template variables Airflow 2 provides that the DAGs use, for one run: its logical date (UTC, naive
    means UTC), the end of its data interval (the logical date unless given), its id in Airflow's database."""
    if logical_date.tzinfo is None:
        logical_date = logical_date.replace(tzinfo=timezone.utc)
    logical_utc = logical_date.astimezone(timezone.utc)
    return {
        "ds": logical_utc.strftime("%Y-%m-%d"),
        "ds_nodash": logical_utc.strftime("%Y%m%d"),
        "ts_nodash": logical_utc.strftime("%Y%m%dT%H%M%S"),
        "data_interval_end": Moment(interval_end or logical_utc),
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


# ---- operator facts and REST payload schemas (tests/dags/fixtures) ----------------------------------------

def provider_facts() -> dict:
    """fixtures/provider_facts.json: each operator's arguments, required arguments and template fields."""
    return load_json(FIXTURES_DIR / "provider_facts.json")


def operator_parameters(facts: dict, operator: str) -> set[str]:
    """Every keyword the operator takes: its own, BaseOperator's, and BaseSensorOperator's for a sensor."""
    spec = facts["operators"][operator]
    return set(spec["parameters"]) | set(facts["base_operator"]) | (set(facts["base_sensor"]) if spec.get("sensor") else set())


def rest_schemas() -> dict:
    return load_json(FIXTURES_DIR / "rest_schemas.json")["messages"]


_SCALARS = {"string": str, "integer": int, "boolean": bool}


def payload_errors(value, message: str, schemas: dict, path: str = "") -> list[str]:
    """Everything in `value` its REST message does not allow: unknown fields, wrong types, two fields of one
    oneof, missing required fields, values outside an enum. Empty when it conforms."""
    spec = schemas[message]
    if not isinstance(value, dict):
        return [f"{path or message}: expected an object ({message}), got {type(value).__name__}"]
    errors = []
    for field, item in value.items():
        where = f"{path}.{field}" if path else field
        if field not in spec["fields"]:
            errors.append(f"{where}: {message} has no field '{field}'")
            continue
        errors += _type_errors(item, spec["fields"][field], schemas, where)
        allowed = spec.get("enums", {}).get(field)
        if allowed is not None and isinstance(item, str) and "{{" not in item and item not in allowed:
            errors.append(f"{where}: '{item}' is not one of {allowed}")
    for group in spec.get("oneofs", []):
        if len([f for f in group if f in value]) > 1:
            errors.append(f"{path or message}: at most one of {group} may be set")
    for field in spec.get("required", []):
        if field not in value:
            errors.append(f"{path or message}: the required field '{field}' is missing")
    return errors


def _type_errors(value, kind, schemas: dict, path: str) -> list[str]:
    if isinstance(kind, list):
        if not isinstance(value, list):
            return [f"{path}: expected a list"]
        return [e for i, item in enumerate(value) for e in _type_errors(item, kind[0], schemas, f"{path}[{i}]")]
    if isinstance(kind, dict):
        if not isinstance(value, dict):
            return [f"{path}: expected a map"]
        return [e for k, item in value.items() for e in _type_errors(item, kind["map"], schemas, f"{path}.{k}")]
    if kind == "object":
        return [] if isinstance(value, dict) else [f"{path}: expected an object"]
    if kind in _SCALARS:
        expected = _SCALARS[kind]
        ok = isinstance(value, expected) and not (expected is int and isinstance(value, bool))
        return [] if ok else [f"{path}: expected {kind}, got {type(value).__name__}"]
    return payload_errors(value, kind, schemas, path)
