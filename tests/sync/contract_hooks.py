"""schemathesis hooks for the contract run (loaded through SCHEMATHESIS_HOOKS).

A real laptop sends each new batch with a new Idempotency-Key equal to its `batch_key`.
Generated cases reuse the same few UUIDs, which would make almost every push a replay (the
stored answer) or a 422; so each call that carries a well-formed key gets a fresh one, and a
well-formed `batch_key` in its body the same. Malformed keys are left as generated, so the
negative cases still reach the server's refusals.
"""

from __future__ import annotations

import uuid
from typing import Any

import schemathesis

from hexikit.sync.protocol import is_uuid


@schemathesis.hook
def before_call(
    context: schemathesis.HookContext, case: schemathesis.Case[Any], kwargs: Any
) -> None:
    headers = case.headers
    if not headers:
        return
    name = next((h for h in headers if h.lower() == "idempotency-key"), None)
    if name is None or not is_uuid(headers[name]):
        return
    key = str(uuid.uuid4())
    headers[name] = key
    body = case.body
    if isinstance(body, dict) and is_uuid(body.get("batch_key")):
        body["batch_key"] = key
