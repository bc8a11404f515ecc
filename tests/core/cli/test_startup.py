"""Every `hexikit` command starts quickly: building the command line imports no heavy library.

The CLI loads every command module at start (entry points), so one module importing
SQLAlchemy, reportlab or Qt at its top would slow down all commands, `--version` included.
"""

from __future__ import annotations

from hexikit.cards.model import CardKind
from hexikit.cli.cards import CARD_KINDS
from tests.fresh_python import printed_json

HEAVY = ["sqlalchemy", "alembic", "reportlab", "qrcode", "PIL", "PySide6", "requests", "pypdf"]


def test_building_the_command_line_imports_no_heavy_library() -> None:
    code = (
        "import json, sys\n"
        "from hexikit.cli import build_parser\n"
        "build_parser()\n"
        f"print(json.dumps([name for name in {HEAVY!r} if name in sys.modules]))\n"
    )
    assert printed_json(code) == []


def test_card_kinds_on_the_command_line_match_the_core() -> None:
    assert list(CARD_KINDS) == [kind.value for kind in CardKind]


def test_the_app_commands_are_found_without_importlib_metadata_as_it_finds_them() -> None:
    code = (
        "import json, sys\n"
        "from hexikit.cli import _own_entry_points\n"
        "own = {e.name: e.value for e in _own_entry_points({'gui', 'present', 'deck'})}\n"
        "loaded = 'importlib.metadata' in sys.modules\n"
        "from importlib import metadata\n"
        "declared = {e.name: e.value for e in metadata.entry_points(group='hexikit.commands')}\n"
        "print(json.dumps([own, loaded, declared]))\n"
    )
    own, loaded, declared = printed_json(code)
    assert not loaded
    assert own == {name: declared[name] for name in ("gui", "present", "deck")}
