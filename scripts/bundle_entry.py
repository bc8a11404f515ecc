"""Entry point of the PyInstaller bundle: the same `hexikit` command line."""

from hexikit.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
