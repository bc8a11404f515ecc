"""pyproject.toml against the tree and the lock.

setuptools installs exactly the packages pyproject.toml lists, so a new sub-package left off
the list works from the source tree (the editable install) but is missing from a wheel and from
the venue bundle. And the lock (requirements/lock.txt, written by `bash scripts/lock.sh`) must
pin every dependency pyproject.toml names, inside its range, or setup.sh installs something
the project does not allow.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements" / "lock.txt"
# The folders that hold code (each maps to an installed package with an __init__.py).
CODE_PACKAGES = ("hexikit", "hexikit.ui", "hexikit.sync")


def _pyproject() -> dict[str, Any]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)


def _packages_in_tree(package_dir: dict[str, str]) -> set[str]:
    """Every folder with an __init__.py under the code folders, as installed package names."""
    found: set[str] = set()
    for package in CODE_PACKAGES:
        folder = ROOT / package_dir[package]
        for init in folder.rglob("__init__.py"):
            if "__pycache__" in init.parts:
                continue
            relative = init.parent.relative_to(folder).parts
            found.add(".".join((package, *relative)))
    return found


def _mapped_root(name: str, package_dir: dict[str, str]) -> str:
    """The package-dir entry a package lives under (the longest one: hexikit.ui, not hexikit)."""
    roots = [root for root in package_dir if name == root or name.startswith(root + ".")]
    return max(roots, key=len, default="")


def test_every_code_package_is_listed_and_every_listed_one_exists() -> None:
    setuptools = _pyproject()["tool"]["setuptools"]
    package_dir: dict[str, str] = setuptools["package-dir"]
    listed: list[str] = setuptools["packages"]
    assert len(listed) == len(set(listed)), "a package is listed twice"
    # ui/ and sync/ are their own folders, so a name under hexikit.ui belongs to ui/ only; the
    # data packages (assets, slides) are mapped folders without an __init__.py.
    code_listed = {name for name in listed if _mapped_root(name, package_dir) in CODE_PACKAGES}
    in_tree = _packages_in_tree(package_dir)
    missing = sorted(in_tree - code_listed)
    stale = sorted(code_listed - in_tree)
    assert not missing, f"add to [tool.setuptools] packages in pyproject.toml: {missing}"
    assert not stale, f"listed in pyproject.toml but no folder with __init__.py: {stale}"
    for name in listed:
        if name in package_dir:
            assert (ROOT / package_dir[name]).is_dir(), f"{name} -> {package_dir[name]}"
        else:
            assert _mapped_root(name, package_dir), f"{name} is under no package-dir entry"


def _locked_versions() -> dict[str, Version]:
    pins: dict[str, Version] = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", line)
        if match:
            pins[canonicalize_name(match.group(1))] = Version(match.group(2))
    return pins


def _named_requirements() -> list[Requirement]:
    pyproject = _pyproject()
    names = list(pyproject["build-system"]["requires"])
    names += pyproject["project"]["dependencies"]
    for extra in pyproject["project"]["optional-dependencies"].values():
        names += extra
    return [Requirement(name) for name in names]


def test_the_lock_pins_every_dependency_within_its_range() -> None:
    pins = _locked_versions()
    assert pins, f"no pins read from {LOCK}"
    unlocked: list[str] = []
    outside: list[str] = []
    for requirement in _named_requirements():
        pinned = pins.get(canonicalize_name(requirement.name))
        if pinned is None:
            unlocked.append(str(requirement))
        elif not requirement.specifier.contains(pinned, prereleases=True):
            outside.append(f"{requirement} (locked: {pinned})")
    hint = "run `bash scripts/lock.sh` (scripts/lock.sh must name every extra)"
    assert not unlocked, f"not in {LOCK.name}: {unlocked}; {hint}"
    assert not outside, f"locked outside pyproject.toml's range: {outside}; {hint}"


def test_every_pin_in_the_lock_carries_a_hash() -> None:
    # pip's --require-hashes refuses a lock with one bare pin; say which one here instead.
    entries = re.split(r"\n(?=[A-Za-z0-9])", LOCK.read_text(encoding="utf-8"))
    bare = [
        entry.split()[0]
        for entry in entries
        if "==" in entry.split("\n", 1)[0] and "--hash=sha256:" not in entry
    ]
    assert not bare, f"pins without a hash: {bare}"
