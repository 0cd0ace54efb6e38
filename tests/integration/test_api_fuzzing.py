"""Schemathesis fuzzes every /v1 route of the real server from its own OpenAPI schema.

Bounded and repeatable: a fixed number of derandomized examples per operation, valid and
invalid bodies alike. No response may be a 5xx, and every error must be JSON with a message
a person can act on.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

EXAMPLES_PER_OPERATION = 40


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


CHECKS = [
    not_a_server_error,
    errors_are_json_with_a_message,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# positive_data_acceptance is left out on purpose: a question of only control characters
# satisfies `minLength: 1` yet has nothing to search for, and is refused with a clear 422.


def _fuzz(operation: schemathesis.APIOperation, mode: GenerationMode, base_url: str) -> int:
    """Run the bounded examples of one operation; returns how many were sent."""
    sent = 0
    checks = [*CHECKS, negative_data_rejection] if mode is GenerationMode.NEGATIVE else CHECKS

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
        sent += 1
        case.call_and_validate(base_url=base_url, checks=checks, timeout=60)

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
