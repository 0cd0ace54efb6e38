"""Schemathesis fuzzes every /v1 route of the real server from its own OpenAPI schema, with
every check it has (`--checks all`).

Bounded and repeatable: a fixed number of derandomized examples per operation, valid and
invalid bodies alike, and a time limit per operation. No response may be a 5xx, every error
must be JSON with a message a person can act on, and every request the schema calls valid
must be accepted (positive_data_acceptance): the schema is exact.
"""

import time

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import CHECKS as REGISTRY
from schemathesis.specs.openapi import checks as openapi_checks

EXAMPLES_PER_OPERATION = 40
SECONDS_PER_OPERATION = 120  # a bound on time as well as on examples


@pytest.fixture(scope="module")
def operations(server: str) -> list[schemathesis.APIOperation]:
    schema = schemathesis.openapi.from_url(f"{server}/openapi.json").include(path_regex="^/v1/")
    return [result.ok() for result in schema.get_all_operations()]


@schemathesis.check
def errors_are_json_with_a_message(ctx, response, case) -> bool | None:
    """Every 4xx is a JSON object whose ``message`` says what went wrong."""
    if response.status_code >= 400:
        body = response.json()
        assert isinstance(body, dict), f"error body is not a JSON object: {response.text[:200]}"
        message = body.get("message")
        assert isinstance(message, str) and message.strip(), f"no message: {response.text[:200]}"
    return None


assert openapi_checks  # importing it registers the OpenAPI checks
# Every registered check: schemathesis's own (positive_data_acceptance included) and ours.
CHECKS = REGISTRY.get_all()
assert len(CHECKS) >= 14, [c.__name__ for c in CHECKS]


def _fuzz(operation: schemathesis.APIOperation, mode: GenerationMode, base_url: str) -> int:
    """Run the bounded examples of one operation; returns how many were sent."""
    sent = 0
    deadline = time.monotonic() + SECONDS_PER_OPERATION

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: schemathesis.Case) -> None:
        nonlocal sent
        if time.monotonic() > deadline:
            return  # out of time for this operation: the remaining examples are skipped
        sent += 1
        case.call_and_validate(base_url=base_url, checks=CHECKS, timeout=60)

    try:
        run()
    except Unsatisfiable:  # a route without inputs has no invalid request to make
        assert mode is GenerationMode.NEGATIVE
    return sent


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_v1_route_answers_fuzzed_requests_without_a_5xx_and_with_json_errors(
    server: str, operations: list[schemathesis.APIOperation], mode: GenerationMode
) -> None:
    routes = {f"{op.method.upper()} {op.path}" for op in operations}
    assert {"POST /v1/ask", "POST /v1/search", "GET /v1/documents"} <= routes
    failures: dict[str, str] = {}
    sent: dict[str, int] = {}
    for operation in operations:
        name = f"{operation.method.upper()} {operation.path}"
        try:
            sent[name] = _fuzz(operation, mode, server)
        except Exception as exc:  # collect every route's failure, not only the first
            failures[name] = f"{type(exc).__name__}: {str(exc)[:1500]}"
    print(f"\nschemathesis {mode.value}: {sum(sent.values())} requests sent, {sent}")
    assert not failures, "\n\n".join(f"{k}\n{v}" for k, v in failures.items())
