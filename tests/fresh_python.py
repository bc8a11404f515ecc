"""Run code in a fresh interpreter: what a module imports shows only where nothing was yet."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any


def printed_json(code: str) -> Any:
    """Run `code` in a new Python process and return the JSON it printed."""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    return json.loads(result.stdout)
