"""Checks schemas/ with Python's jsonschema and openapi-spec-validator.

- Every *.schema.json (and cli/*.schema.json, the shapes of `pc --json`) passes
  Draft202012Validator.check_schema, declares draft 2020-12, and
  uses only formats the FORMAT_CHECKER really checks (a format it does not know would be
  silently ignored, and Python would then accept what Rust and JavaScript refuse).
- Each schema's `examples` validate, with format checking on.
- Every case of schemas/corpus/ gets its expected verdict, from the schema file and from the same
  schema as a component of openapi.json.
- openapi.json is a valid OpenAPI 3.1 document (openapi-spec-validator).

Warnings are errors. Prints "N passed, N failed" and exits non-zero on any failure.

    python3 -m venv xtask/py/.venv
    xtask/py/.venv/bin/pip install -r xtask/py/requirements.txt -c xtask/py/constraints.txt
    xtask/py/.venv/bin/python xtask/py/check_schemas.py
"""

import json
import sys
import warnings
from pathlib import Path

warnings.simplefilter("error")

from jsonschema import Draft202012Validator  # noqa: E402
from jsonschema.validators import validator_for  # noqa: E402
from openapi_spec_validator import OpenAPIV31SpecValidator  # noqa: E402
from referencing import Registry, Resource  # noqa: E402
from referencing.jsonschema import DRAFT202012  # noqa: E402

SCHEMAS = Path(__file__).resolve().parent.parent.parent / "schemas"
OPENAPI_URI = "urn:partner-center:openapi"
FORMAT_CHECKER = Draft202012Validator.FORMAT_CHECKER

passed = 0
failed = 0


def ok():
    global passed
    passed += 1


def fail(message):
    global failed
    failed += 1
    print(f"FAIL {message}", file=sys.stderr)


def read(path):
    return json.loads(path.read_text(encoding="utf-8"))


def formats(value):
    """Every `format` keyword value in a schema (not inside instance data)."""
    if isinstance(value, dict):
        if isinstance(value.get("format"), str):
            yield value["format"]
        for key, child in value.items():
            if key not in ("examples", "enum", "const", "default"):
                yield from formats(child)
    elif isinstance(value, list):
        for child in value:
            yield from formats(child)


def describe(validator, instance):
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    return "; ".join(f"/{'/'.join(map(str, e.absolute_path))} {e.message}" for e in errors)


openapi = read(SCHEMAS / "openapi.json")
registry = Registry().with_resource(OPENAPI_URI, DRAFT202012.create_resource(openapi))

validators = {}
for path in sorted(SCHEMAS.glob("*.schema.json")) + sorted(SCHEMAS.glob("cli/*.schema.json")):
    name = path.relative_to(SCHEMAS).as_posix()
    schema = read(path)
    try:
        Draft202012Validator.check_schema(schema)
        if validator_for(schema) is not Draft202012Validator:
            raise ValueError(f"$schema is {schema.get('$schema')!r}, not draft 2020-12")
        unchecked = sorted(set(formats(schema)) - set(FORMAT_CHECKER.checkers))
        if unchecked:
            raise ValueError(f"formats not checked by Python's FORMAT_CHECKER: {unchecked}")
        validators[name] = Draft202012Validator(
            schema, format_checker=FORMAT_CHECKER, registry=Registry()
        )
        ok()
    except Exception as error:  # noqa: BLE001 - every problem is reported the same way
        fail(f"{name}: {error}")


def component_validator(schema_file):
    """The schema of `schema_file` as it appears in openapi.json's components."""
    stem = schema_file.removesuffix(".schema.json")
    name = "".join(word[:1].upper() + word[1:] for word in stem.split("-"))
    if name not in openapi["components"]["schemas"]:
        return None
    return Draft202012Validator(
        {"$ref": f"{OPENAPI_URI}#/components/schemas/{name}"},
        format_checker=FORMAT_CHECKER,
        registry=registry,
    )


for name, validator in validators.items():
    for i, example in enumerate(validator.schema.get("examples", [])):
        if validator.is_valid(example):
            ok()
        else:
            fail(f"{name}: example {i} is refused: {describe(validator, example)}")

for path in sorted((SCHEMAS / "corpus").glob("*.json")):
    corpus = read(path)
    validator = validators.get(corpus["schema"])
    component = component_validator(corpus["schema"])
    if validator is None or component is None:
        fail(f"corpus/{path.name}: no schema or component for {corpus['schema']}")
        continue
    for case in corpus["cases"]:
        label = f"corpus/{path.name} / {case['name']}"
        verdict = validator.is_valid(case["body"])
        in_openapi = component.is_valid(case["body"])
        if verdict != case["valid"]:
            expected = "valid" if case["valid"] else "invalid"
            why = "accepted" if verdict else f"refused: {describe(validator, case['body'])}"
            fail(f"{label}: expected {expected}, {why}")
        elif in_openapi != case["valid"]:
            fail(f"{label}: the openapi.json component disagrees with the schema file")
        else:
            ok()

try:
    OpenAPIV31SpecValidator(openapi, base_uri=(SCHEMAS / "openapi.json").as_uri()).validate()
    ok()
except Exception as error:  # noqa: BLE001
    fail(f"openapi.json is not a valid OpenAPI 3.1 document: {error}")

print(f"Python jsonschema (Draft202012Validator, format checking) and openapi-spec-validator: "
      f"{len(validators)} schemas")
print(f"{passed} passed, {failed} failed")
sys.exit(0 if failed == 0 else 1)
