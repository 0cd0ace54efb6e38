"""The OpenAPI schema is exact (enums for closed sets) and shows examples for every route."""

import pytest

from index.ingest.judgements import AREAS, GRADES
from index.ingest.metadata import DOC_TYPES
from service.main import create_app
from service.settings import ServiceSettings


@pytest.fixture(scope="module")
def spec(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("schema")
    settings = ServiceSettings(index_dir=tmp / "none", conversations_db=tmp / "c.sqlite3")
    return create_app(settings).openapi()


def _resolve(spec: dict, schema: dict) -> dict:
    if "$ref" in schema:
        return spec["components"]["schemas"][schema["$ref"].split("/")[-1]]
    return schema


def _enum(spec: dict, schema: dict) -> list[str]:
    """The enum of a parameter or field, through anyOf [enum, null] and $refs."""
    schema = _resolve(spec, schema)
    for option in schema.get("anyOf", [schema]):
        option = _resolve(spec, option)
        if "items" in option:
            option = _resolve(spec, option["items"])
        if "enum" in option:
            return option["enum"]
    return []


def test_judgement_areas_and_grades_are_enums_in_the_schema(spec) -> None:
    params = {p["name"]: p for p in spec["paths"]["/v1/judgements"]["get"]["parameters"]}
    assert sorted(_enum(spec, params["area"]["schema"])) == sorted(AREAS)
    assert sorted(_enum(spec, params["grade"]["schema"])) == sorted(GRADES)
    assert params["from"]["schema"]["anyOf"][0]["format"] == "date"


def test_doc_type_is_an_enum_in_filters_and_uploads(spec) -> None:
    filters = spec["components"]["schemas"]["FiltersIn"]["properties"]
    assert sorted(_enum(spec, filters["doc_type"])) == sorted(DOC_TYPES)
    upload = spec["paths"]["/v1/admin/documents"]["post"]["requestBody"]["content"]
    form = _resolve(spec, upload["multipart/form-data"]["schema"])
    assert sorted(_enum(spec, form["properties"]["doc_type"])) == sorted(DOC_TYPES)


def test_every_route_shows_an_example_response(spec) -> None:
    missing = []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            ok = [s for s in operation["responses"] if s.startswith("2")]
            content = operation["responses"][ok[0]].get("content", {})
            if not any("example" in c or "examples" in c for c in content.values()):
                missing.append(f"{method.upper()} {path}")
    assert not missing


def test_every_route_input_has_an_example(spec) -> None:
    def has_example(schema: dict) -> bool:
        schema = _resolve(spec, schema)
        return "examples" in schema or "example" in schema

    missing = []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for param in operation.get("parameters", []):
                if param["name"] != "format" and not (
                    "examples" in param or "example" in param or has_example(param["schema"])
                ):
                    missing.append(f"{method.upper()} {path} {param['name']}")
            body = operation.get("requestBody", {}).get("content", {})
            for media, content in body.items():
                schema = _resolve(spec, content["schema"])
                if media == "application/json" and not has_example(schema):
                    missing.append(f"{method.upper()} {path} body")
    assert not missing, missing
