"""A stand-in for the few Airflow classes the DAG files use, so tests can execute the DAG files.

Airflow cannot be installed here. Executing the files (rather than only reading their AST) catches what an
AST cannot: a misspelled helper, a wrong argument to a builder, an artefact the manifest does not list. The
fakes record what Airflow would build — task ids (prefixed by their TaskGroup), arguments, and `>>` edges —
and refuse any argument the real operator does not take. Each fake carries its operator's parameters and
template fields from fixtures/provider_facts.json, read from the operators' own source.
"""
from __future__ import annotations

import contextlib
import importlib.util
import sys
import types
from pathlib import Path

_CURRENT: list = []  # stack of the open DAG and TaskGroups


class Graph:
    def __init__(self) -> None:
        self.tasks: dict[str, "Operator"] = {}
        self.edges: set[tuple[str, str]] = set()


class _Node:
    def _task_ids(self) -> list[str]:
        raise NotImplementedError

    def _roots(self) -> list[str]:
        return self._task_ids()

    def _leaves(self) -> list[str]:
        return self._task_ids()

    def __rshift__(self, other):
        graph = _graph()
        targets = other if isinstance(other, list) else [other]
        for target in targets:
            for leaf in self._leaves():
                for root in target._roots():
                    graph.edges.add((leaf, root))
        return other

    def __rrshift__(self, other):  # [a, b] >> self
        for item in other:
            item >> self
        return self


def _graph() -> Graph:
    return _CURRENT[0].graph


def _prefix() -> str:
    return "".join(f"{g.group_id}." for g in _CURRENT[1:])


class DAG:
    def __init__(self, **kwargs) -> None:
        self.kwargs = kwargs
        self.dag_id = kwargs["dag_id"]
        self.graph = Graph()

    def __enter__(self):
        _CURRENT.append(self)
        return self

    def __exit__(self, *exc) -> None:
        _CURRENT.pop()


class TaskGroup(_Node):
    def __init__(self, group_id: str, tooltip: str = "", **kwargs) -> None:
        self.group_id = group_id
        self.full_id = _prefix() + group_id
        self.members: list[str] = []

    def __enter__(self):
        _CURRENT.append(self)
        return self

    def __exit__(self, *exc) -> None:
        _CURRENT.pop()

    def _task_ids(self) -> list[str]:
        return [t for t in _graph().tasks if t.startswith(self.full_id + ".")]

    def _roots(self) -> list[str]:
        inside = set(self._task_ids())
        return [t for t in inside if not any(b == t and a in inside for a, b in _graph().edges)]

    def _leaves(self) -> list[str]:
        inside = set(self._task_ids())
        return [t for t in inside if not any(a == t and b in inside for a, b in _graph().edges)]


class XComArg:
    def __init__(self, operator: "Operator") -> None:
        self.operator = operator


class Operator(_Node):
    PARAMETERS: set[str] = set()
    TEMPLATE_FIELDS: tuple[str, ...] = ()

    def __init__(self, **kwargs) -> None:
        unknown = set(kwargs) - self.PARAMETERS
        if unknown:
            raise TypeError(f"{type(self).__name__} got unexpected arguments {sorted(unknown)}")
        if "task_id" not in kwargs:
            raise TypeError(f"{type(self).__name__} needs a task_id")
        self.kwargs = kwargs
        self.task_id = _prefix() + kwargs["task_id"]
        self.mapped_over = None
        graph = _graph()
        if self.task_id in graph.tasks:
            raise ValueError(f"duplicate task id {self.task_id}")
        graph.tasks[self.task_id] = self

    def _task_ids(self) -> list[str]:
        return [self.task_id]

    def templated(self) -> dict:
        """The arguments Airflow renders with Jinja: the operator's template fields, nothing else."""
        return {k: v for k, v in self.kwargs.items() if k in self.TEMPLATE_FIELDS}

    @property
    def output(self) -> XComArg:
        return XComArg(self)

    @classmethod
    def partial(cls, **kwargs):
        operator_class = cls

        class _Partial:
            def expand(self, **mapped):
                unknown = set(mapped) - operator_class.PARAMETERS
                if unknown:
                    raise TypeError(f"{operator_class.__name__}.expand got unexpected arguments {sorted(unknown)}")
                operator = operator_class(**kwargs)
                operator.mapped_over = mapped
                return operator

        return _Partial()


class CronTriggerTimetable:
    def __init__(self, cron: str, *, timezone: str) -> None:
        self.cron, self.timezone = cron, timezone


class Param:
    def __init__(self, default=None, **schema) -> None:
        self.default, self.schema = default, schema


def _operator(name: str, parameters: set[str], template_fields: list[str]) -> type:
    return type(name, (Operator,), {"PARAMETERS": parameters, "TEMPLATE_FIELDS": tuple(template_fields)})


@contextlib.contextmanager
def installed(facts: dict, parameters_of):
    """Puts fake airflow modules into sys.modules for the duration of the block: one fake per operator of
    `facts` (provider_facts.json), in the module the real one lives in; parameters_of(facts, name) gives the
    keywords it accepts."""
    modules: dict[str, dict] = {
        "airflow": {"DAG": DAG},
        "airflow.models": {},
        "airflow.models.param": {"Param": Param},
        "airflow.timetables": {},
        "airflow.timetables.trigger": {"CronTriggerTimetable": CronTriggerTimetable},
        "airflow.utils": {},
        "airflow.utils.task_group": {"TaskGroup": TaskGroup},
    }
    for name, spec in facts["operators"].items():
        module = spec["module"]
        parts = module.split(".")
        for i in range(1, len(parts)):
            modules.setdefault(".".join(parts[:i]), {})
        modules.setdefault(module, {})[name] = _operator(name, parameters_of(facts, name), spec["template_fields"])
    saved = {name: sys.modules.get(name) for name in modules}
    saved["lakehouse_dags.tasks"] = sys.modules.get("lakehouse_dags.tasks")
    try:
        for name, attributes in modules.items():
            module = types.ModuleType(name)
            module.__dict__.update(attributes)
            sys.modules[name] = module
        sys.modules.pop("lakehouse_dags.tasks", None)  # re-imported against the fakes
        yield
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module


def load_dag(path: Path) -> DAG:
    """Executes a DAG file and returns its DAG."""
    spec = importlib.util.spec_from_file_location(f"dagfile_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.dag
