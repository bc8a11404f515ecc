"""The core's gettext catalogue (Welsh): complete, compiled, six plural forms, and the language
choice (--lang, HEXIKIT_LANG, the system locale)."""

from __future__ import annotations

import ast
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from hexikit.base import i18n
from hexikit.cli import main

ROOT = Path(__file__).resolve().parents[3]
LOCALE = ROOT / "assets" / "locale"
PO = LOCALE / "cy" / "LC_MESSAGES" / "hexikit.po"
MO = LOCALE / "cy" / "LC_MESSAGES" / "hexikit.mo"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")


def _catalogue() -> Catalog:
    with PO.open("rb") as handle:
        return read_po(handle, locale="cy")


def _source_messages() -> set[str | tuple[str, str]]:
    """Every literal passed to `_()`, `N_()` or `ngettext()` in the installed packages."""
    found: set[str | tuple[str, str]] = set()
    for folder in ("hexikit", "sync", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                    continue
                args = [a.value for a in node.args if isinstance(a, ast.Constant)]
                if node.func.id in ("_", "N_") and args and isinstance(args[0], str):
                    found.add(args[0])
                elif node.func.id == "ngettext" and len(args) >= 2:
                    found.add((str(args[0]), str(args[1])))
    return found


def test_every_core_string_is_in_the_welsh_catalogue() -> None:
    catalogue = _catalogue()
    ids = {message.id for message in catalogue if message.id}
    missing = sorted(str(m) for m in _source_messages() if m not in ids)
    assert not missing, f"run bash scripts/i18n.sh: {missing[:5]}"
    assert len(ids) > 500


def test_every_welsh_entry_is_translated_with_its_placeholders() -> None:
    catalogue = _catalogue()
    assert "nplurals=6" in catalogue.plural_forms
    problems = []
    for message in catalogue:
        if not message.id:
            continue
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        sources = [str(s) for s in (message.id if isinstance(message.id, tuple) else (message.id,))]
        raw = message.string if isinstance(message.string, tuple) else (message.string,)
        forms = [str(form) for form in raw]
        if isinstance(message.id, tuple) and len(forms) != 6:
            problems.append(f"{len(forms)} forms: {message.id!r}")
        wanted = set(PLACEHOLDER.findall(sources[-1]))
        for form in forms:
            if not form or not form.strip():
                problems.append(f"empty: {message.id!r}")
            elif set(PLACEHOLDER.findall(form)) != wanted:
                problems.append(f"placeholders differ: {message.id!r} -> {form!r}")
    assert not problems, problems[:10]


def test_the_compiled_catalogue_is_the_po_file_compiled() -> None:
    compiled = io.BytesIO()
    write_mo(compiled, _catalogue())
    assert MO.read_bytes() == compiled.getvalue(), "run bash scripts/i18n.sh --compile"


def test_welsh_has_six_plural_forms() -> None:
    i18n.set_language("cy")
    said = {
        n: i18n.ngettext("{count} offer", "{count} offers", n).format(count=n) for n in range(8)
    }
    # zero, one, two, few (3), many (6), other: soft mutation after 2, aspirate after 3 and 6.
    assert said[0] == "0 cynnig"
    assert said[1] == "1 cynnig"
    assert said[2] == "2 gynnig"
    assert said[3] == "3 chynnig"
    assert said[6] == "6 chynnig"
    assert (said[4], said[5], said[7]) == ("4 cynnig", "5 cynnig", "7 cynnig")
    i18n.set_language("en")
    assert i18n.ngettext("{count} offer", "{count} offers", 2).format(count=2) == "2 offers"


def test_the_core_speaks_the_chosen_language_at_once() -> None:
    assert i18n.set_language("cy") == "cy"
    assert i18n._("Speaker notes") == "Nodiadau siaradwr"
    assert i18n.in_language("en", "Speaker notes") == "Speaker notes"
    assert i18n.set_language("en") == "en"
    assert i18n._("Speaker notes") == "Speaker notes"
    assert i18n.in_language("cy", "Speaker notes") == "Nodiadau siaradwr"
    # A language Hexikit does not speak is English.
    assert i18n.set_language("fr") == "en"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("cy", "cy"), ("cy_GB.UTF-8", "cy"), ("CY-gb", "cy"), ("en_US", "en"), ("fr_FR", None)],
)
def test_language_names_are_normalised(value: str, expected: str | None) -> None:
    assert i18n.normalise(value) == expected


def test_the_default_is_the_system_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "cy_GB.UTF-8")
    assert i18n.system_language() == "cy"
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert i18n.system_language() == "en"
    monkeypatch.setenv("LANGUAGE", "fr:cy")
    assert i18n.system_language() == "cy"


def test_lang_option_speaks_welsh_from_the_first_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "cy", "timer", "--list"]) == 0
    out = capsys.readouterr().out
    assert "1-2-4-Pawb clasurol" in out
    assert "Classic 1-2-4-All" not in out
    assert i18n.chosen_explicitly()
    assert main(["--lang=en", "timer", "--list"]) == 0
    assert "Classic 1-2-4-All" in capsys.readouterr().out


def test_pseudo_locale_pads_by_forty_percent() -> None:
    assert i18n.pseudo_text("Save") == "Save" + "ŵ" * 2
    assert i18n.pseudo_text("{n} left\nnext") == "{n} left" + "ŵ" * 4 + "\nnext" + "ŵ" * 2
    assert i18n.pseudo_text("") == ""
    i18n.set_language(i18n.PSEUDO)
    assert len(i18n._("Speaker notes")) == len("Speaker notes") + 6
