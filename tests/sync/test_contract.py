"""The contract is tested by tools we did not write (issue 15, point 8).

* openapi-spec-validator checks docs/openapi.yaml is a valid OpenAPI 3.1 document;
* schemathesis generates requests from it (valid and invalid) against a real reference server
  with a real device token, on SQLite and on PostgreSQL, and checks that no answer is a 5xx
  and every answer conforms to the file (status code, content type, headers, body schema),
  and that a method an endpoint does not take is a 405 with Allow. Bounded: a few examples per
  operation, a fixed seed, a time budget.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename
from sqlalchemy import func, select

from hexikit.sync.server.schema import idempotency
from tests.sync.conftest import ServerProcess

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "docs" / "openapi.yaml"
CHECKS = ",".join(
    (
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
        "unsupported_method",
    )
)


def test_the_openapi_file_is_valid() -> None:
    spec, _url = read_from_filename(str(SPEC))
    validate(spec)
    assert spec["openapi"].startswith("3.1")


def test_schemathesis_finds_no_server_error_or_nonconformance(
    server: ServerProcess, tmp_path: Path
) -> None:
    token = server.new_device("schemathesis")
    report = tmp_path / "report.json"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "schemathesis.cli",
            "run",
            str(SPEC),
            "--url",
            server.url,
            "--header",
            f"Authorization: Bearer {token}",
            "--checks",
            CHECKS,
            "--phases",
            "examples,coverage,fuzzing",
            "--max-examples",
            "25",
            "--max-time",
            "25",
            "--seed",
            "15",
            "--workers",
            "1",
            "--request-timeout",
            "10",
            "--no-color",
            "--report",
            "ndjson",
            "--report-ndjson-path",
            str(report),
        ],
        capture_output=True,
        text=True,
        timeout=150,
        cwd=tmp_path,
        env={
            **os.environ,
            "SCHEMATHESIS_HOOKS": "tests.sync.contract_hooks",
            "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH")))),
        },
    )
    (tmp_path / "schemathesis.txt").write_text(run.stdout + run.stderr)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-3000:]
    # It really sent requests, and some pushes got through to the batch apply.
    events = [json.loads(line) for line in report.read_text().splitlines() if line.strip()]
    assert len(events) > 10
    with server.engine.connect() as conn:
        stored = conn.scalar(select(func.count()).select_from(idempotency))
    assert stored and stored > 0, "no push reached the server's batch apply"
