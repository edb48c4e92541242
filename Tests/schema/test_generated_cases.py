"""Cases generated from each template's JSON Schema alone must pass `engross validate`.

hypothesis-jsonschema (PyPI) knows nothing of Engross: it reads the schema `engross schema` prints
and makes case files that the schema allows, field by field. validate must accept every one of
them, except for what the schema's own description lists as beyond it (a template's <rule>s,
required-if conditions JSON Schema cannot say, the bounds of dates). So an intake form built from
the schema never accepts what validate refuses.
"""
import json
import os
import subprocess
import tempfile

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis_jsonschema import from_schema

ENGROSS = os.environ.get("ENGROSS", ".build/debug/engross")
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1795910400")
# Kinds of templates a case file is written for (fragments, covers and indexes are filled by packets).
KINDS = {"letter", "declaration", "petition", "certificate", "form"}


def engross(*arguments):
    return subprocess.run([ENGROSS, *arguments, "--templates", os.path.join(ROOT, "Templates")],
                          capture_output=True, text=True, env=ENV, cwd=ROOT)


def template_ids():
    lines = engross("list").stdout.splitlines()[1:]
    ids = []
    for line in lines:
        parts = line.split()
        if len(parts) >= 4 and parts[3] in KINDS:
            ids.append(parts[0])
    return ids


def conditional_paths(schema):
    """The fields the description says are required on a condition ("x.y is required if …")."""
    description = schema.get("description", "")
    return [part.strip().split(" is required if ")[0].split()[-1]
            for part in description.split(";") if " is required if " in part]


def beyond_schema(diagnostic, conditional):
    """Whether a diagnostic is one of the checks the schema's description lists as beyond it."""
    code, message, path = diagnostic["code"], diagnostic["message"], diagnostic.get("path") or ""
    if code == "rule-failed":
        return True
    if code == "required" and ("because" in message  # required-if
                               or any(path == c or path.startswith(c + ".") or path.startswith(c + "[") for c in conditional)):
        return True
    if code == "out-of-range" and any(word in message for word in ("on or after", "on or before", "in the future")):
        return True  # the bounds of a date
    return False


IDS = template_ids()


def test_the_library_has_templates_to_generate_for():
    assert len(IDS) >= 8, IDS


@pytest.mark.parametrize("template", IDS)
def test_validate_accepts_what_the_schema_allows(template):
    schema = json.loads(engross("schema", template).stdout)
    conditional = conditional_paths(schema)
    problems = []

    # No shrinking: the first case the schema allows and validate refuses is reported as made.
    @settings(max_examples=int(os.environ.get("SCHEMA_TEST_EXAMPLES", "5")), derandomize=True, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(from_schema(schema))
    def check(case):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as file:
            json.dump(case, file)
        try:
            result = engross("validate", template, file.name, "--json")
        finally:
            os.unlink(file.name)
        report = json.loads(result.stdout)
        diagnostics = [d for f in report.get("files", [report]) for d in f.get("diagnostics", [])]
        errors = [d for d in diagnostics if d.get("severity") == "error" and not beyond_schema(d, conditional)]
        if errors:
            problems.append((case, errors))
        assert not errors, f"{template}: the schema allows {json.dumps(case)[:400]}, validate refuses: {errors[:3]}"

    check()
