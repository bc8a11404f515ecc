"""No import cycles between Hexikit's modules (function-level and type-only imports count too).

import-linter holds the layers (scripts/lint-imports.sh); this holds the rest: inside a layer,
modules depend one way, so any module can be read, tested and moved knowing what it needs.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# grimp (import-linter's graph) reads the source files; a tree of links laid out like the
# installed package lets it see hexikit.ui and hexikit.sync, which the folders map.
_FIND_CYCLES = """
import json, sys
import grimp

graph = grimp.build_graph("hexikit", cache_dir=None)
modules = graph.modules
order, low, stack, on_stack, cycles = {}, {}, [], set(), []
sys.setrecursionlimit(10_000)

def visit(module):
    order[module] = low[module] = len(order)
    stack.append(module)
    on_stack.add(module)
    for target in graph.find_modules_directly_imported_by(module):
        if target not in modules:
            continue
        if target not in order:
            visit(target)
            low[module] = min(low[module], low[target])
        elif target in on_stack:
            low[module] = min(low[module], order[target])
    if low[module] == order[module]:
        component = []
        while True:
            member = stack.pop()
            on_stack.discard(member)
            component.append(member)
            if member == module:
                break
        if len(component) > 1:
            cycles.append(sorted(component))

for module in sorted(modules):
    if module not in order:
        visit(module)
print(json.dumps({"modules": len(modules), "cycles": cycles}))
"""


def test_no_module_imports_itself_through_others(tmp_path: Path) -> None:
    stage = tmp_path / "hexikit"
    stage.mkdir()
    for entry in (ROOT / "hexikit").iterdir():
        if entry.name != "__pycache__":
            (stage / entry.name).symlink_to(entry)
    (stage / "ui").symlink_to(ROOT / "ui")
    (stage / "sync").symlink_to(ROOT / "sync")
    answer = subprocess.run(
        [sys.executable, "-P", "-c", _FIND_CYCLES],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    found = json.loads(answer.stdout)
    assert found["modules"] > 100  # it read the whole package, ui and sync included
    assert found["cycles"] == []
