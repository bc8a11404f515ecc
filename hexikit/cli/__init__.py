"""The `hexikit` command line: a thin argument parser over core functions.

Commands come from the entry-point group `hexikit.commands` (declared in pyproject.toml), so
the core never imports the Qt UI or the sync package: they register their own commands.
Each entry point is a `register(subparsers)` function that adds a subparser whose `func`
default takes the parsed arguments and returns an exit code.

Exit codes: 0 success, 1 bad input (message on stderr, no traceback), 2 usage.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from hexikit.base import i18n
from hexikit.base.i18n import _

ENTRY_POINT_GROUP = "hexikit.commands"
EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_USAGE = 2

Register = Callable[[Any], None]


class CommandError(Exception):
    """A user-caused problem: printed on stderr as is, exit code 1 (or `exit_code`)."""

    def __init__(self, message: str, exit_code: int = EXIT_BAD_INPUT) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class _VersionAction(argparse.Action):
    """`--version`: the version is read from the package metadata only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        from hexikit import __version__

        print(f"Hexikit {__version__}")
        parser.exit()


class _OwnEntryPoint:
    """A command Hexikit's own distribution declares (`name = module:attribute`)."""

    def __init__(self, name: str, value: str) -> None:
        self.name = name
        self.value = value

    def load(self) -> Any:
        module_name, _, attribute = self.value.partition(":")
        found: Any = importlib.import_module(module_name.strip())
        for part in attribute.strip().split("."):
            found = getattr(found, part)
        return found


def _own_entry_points(only: set[str]) -> list[_OwnEntryPoint]:
    """The commands in `only` as Hexikit's installed metadata declares them, read from its
    `entry_points.txt` directly: starting the window needs one of them, and importing
    importlib.metadata (with the e-mail parser it reads other metadata with) cost ~15 ms
    before the first paint. The first `hexikit-*.dist-info` on the path counts, as for
    importlib.metadata; [] when there is none (then importlib.metadata decides)."""
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        info = next((n for n in names if _is_own_metadata(n)), "")
        if not info:
            continue
        try:
            text = (Path(folder or ".") / info / "entry_points.txt").read_text(encoding="utf-8")
        except OSError:
            return []
        group = ""
        found: list[_OwnEntryPoint] = []
        for raw in text.splitlines():
            line = raw.strip()
            if line.startswith("[") and line.endswith("]"):
                group = line[1:-1].strip()
            elif group == ENTRY_POINT_GROUP and "=" in line:
                name, _, value = line.partition("=")
                if name.strip() in only:
                    found.append(_OwnEntryPoint(name.strip(), value.strip()))
        return found
    return []


def _is_own_metadata(folder_name: str) -> bool:
    """`hexikit-0.1.0.dist-info`, not another distribution's (`hexikit_extras-1.0…`)."""
    return folder_name.endswith(".dist-info") and folder_name.split("-")[0].lower() == "hexikit"


def _entry_points(only: set[str] | None) -> list[Any]:
    if only is not None:
        # Starting the app needs one command that Hexikit's own distribution declares:
        # reading its entry points alone spares reading every installed package's.
        own = _own_entry_points(only)
        if {entry.name for entry in own} == only:
            return sorted(own, key=lambda ep: ep.name)
    from importlib import metadata

    found = sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name)
    if only is not None:
        found = [entry for entry in found if entry.name in only]
    return found


def _registrars(only: set[str] | None = None) -> list[Register]:
    found = _entry_points(only)
    registrars: list[Register] = []
    for entry in found:
        try:
            registrars.append(entry.load())
        except ImportError as exc:
            # One broken or missing part (say, Qt absent on a server) must not take every
            # other command down with it.
            print(f"hexikit: the '{entry.name}' commands are unavailable: {exc}", file=sys.stderr)
    return registrars


def build_parser(only: set[str] | None = None) -> argparse.ArgumentParser:
    """The parser with every registered command (or only the entry points named in `only`)."""
    parser = argparse.ArgumentParser(
        prog="hexikit",
        description=_("Hexikit: run a Hexithon offline, then sync to Hexitime."),
    )
    parser.add_argument(
        "--version", action=_VersionAction, help=_("show the version of Hexikit and exit")
    )
    parser.add_argument(
        "--data-dir",
        help=_("folder for Hexikit's data (default: HEXIKIT_DATA_DIR or the user data folder)"),
    )
    parser.add_argument(
        "--lang",
        choices=i18n.LANGUAGES,
        help=_(
            "language: cy (Cymraeg) or en (English); default: HEXIKIT_LANG, the app's "
            "setting, then the system's language"
        ),
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for register in _registrars(only):
        register(subparsers)
    return parser


#: Commands that open the window: for these only their own entry point is loaded, since the
#: other command modules import PDF, sync and database libraries no first paint needs.
APP_COMMANDS = ("gui", "present")


def _app_command(args_list: list[str]) -> str | None:
    """The window-opening command the command line runs (`gui` when there is no command), or
    None for any other command."""
    skip_next = False
    for item in args_list:
        if skip_next:
            skip_next = False
        elif item in ("--data-dir", "--lang"):
            skip_next = True
        elif item.startswith(("--data-dir=", "--lang=")):
            continue
        elif item in APP_COMMANDS:
            return item
        else:
            return None
    return "gui"


def _command_names(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


#: Options whose value is free text, which may start with a minus (`--title -2+3`).
TEXT_OPTIONS = ("--title", "--description")


def glue_text_values(args: Sequence[str]) -> list[str]:
    """`--title -2+3` as `--title=-2+3`: argparse would read the value as an option."""
    glued: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        value = args[index + 1] if index + 1 < len(args) else ""
        if arg in TEXT_OPTIONS and value.startswith("-") and not value.startswith("--"):
            glued.append(f"{arg}={value}")
            index += 2
            continue
        glued.append(arg)
        index += 1
    return glued


def language_option(args_list: Sequence[str]) -> str | None:
    """The value of `--lang` before the parser is built, so its help is in that language."""
    for index, item in enumerate(args_list):
        if item == "--":
            break
        if item == "--lang" and index + 1 < len(args_list):
            return args_list[index + 1]
        if item.startswith("--lang="):
            return item.partition("=")[2]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args_list = glue_text_values(sys.argv[1:] if argv is None else argv)
    chosen = language_option(args_list)
    if chosen in i18n.LANGUAGES:
        i18n.set_language(chosen, explicit=True)
    app_command = _app_command(args_list)
    parser = build_parser({app_command} if app_command is not None else None)
    if app_command is not None and app_command not in _command_names(parser):
        parser = build_parser()  # no UI installed: show every command in the help
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help/--version
        return int(exc.code or 0)
    if args.command is None:
        # No command: start the app, when the UI is installed.
        if "gui" in _command_names(parser):
            args = parser.parse_args([*args_list, "gui"])
        else:
            parser.print_help()
            return EXIT_USAGE
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return int(func(args) or 0)
    except CommandError as exc:
        print(f"hexikit: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
