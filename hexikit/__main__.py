"""`python -m hexikit` runs the same entry point as the `hexikit` console script."""

from hexikit.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
