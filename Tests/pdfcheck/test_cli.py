"""scripts/check-pdf as a command: exit statuses, the text and JSON reports, determinism, that no
document text is printed, and Engross's own (untagged, not PDF/A) output of today failing."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SCRIPT
from pdfbuild import SECRET, edit, good_objects, write_pdf

FIXTURES = Path(__file__).resolve().parent / "fixtures"
UNTAGGED = FIXTURES / "untagged-support-letter.pdf"   # engross render letters/support, before issue 16


def run(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True)


def broken(tmp_path):
    """Fails several rules whose places are near document text (title, page content)."""
    objects = good_objects()
    edit(objects, 40, "/Title (Ana Testcase", "/Title (Ana Testcase changed")
    edit(objects, 4, "/H1 <</MCID 0>> BDC", "BT /F1 9 Tf (Ana Testcase) Tj ET /H1 <</MCID 0>> BDC")
    return write_pdf(tmp_path / "broken.pdf", objects)


def test_exit_0_when_every_rule_passes(tmp_path):
    result = run(write_pdf(tmp_path / "good.pdf", good_objects()))
    assert result.returncode == 0, result.stdout
    assert re.search(r"Summary: (\d+) rules, \1 passed, 0 failed — PASS", result.stdout)


def test_exit_1_and_places_when_a_rule_fails(tmp_path):
    result = run(broken(tmp_path))
    assert result.returncode == 1
    assert "FAIL  pdfa.info-xmp" in result.stdout
    assert "Info /Title ↔ dc:title: values differ" in result.stdout
    assert "page 1: 1 painting operators outside tagged or artifact content (Tj ×1)" in result.stdout


def test_exit_2_for_unreadable_input(tmp_path):
    not_pdf = tmp_path / "notes.pdf"
    not_pdf.write_text("this is not a PDF\n")
    result = run(not_pdf)
    assert result.returncode == 2 and "not a readable PDF" in result.stderr
    missing = run(tmp_path / "missing.pdf")
    assert missing.returncode == 2 and "cannot read the file" in missing.stderr
    assert run().returncode == 2
    assert run("--bogus", not_pdf).returncode == 2


def test_unreadable_wins_over_failing(tmp_path):
    not_pdf = tmp_path / "x.pdf"
    not_pdf.write_bytes(b"%PDF-1.7\n garbage")
    result = run(broken(tmp_path), not_pdf)
    assert result.returncode == 2
    assert "2 files: 0 passed, 1 failed, 1 unreadable" in result.stdout


def test_no_document_text_in_reports(tmp_path):
    path = broken(tmp_path)
    for output in (run(path).stdout, run("--json", path).stdout, run(UNTAGGED).stdout):
        assert all(part not in output for part in SECRET.split())
    case = json.loads((ROOT / "Fixtures/cases/letters/support/valid.json").read_text())
    values = [v for v in _strings(case) if len(v) > 5]
    report = run(UNTAGGED).stdout
    assert values and not [v for v in values if v in report]


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def test_reports_are_deterministic(tmp_path):
    path = broken(tmp_path)
    assert run(path).stdout == run(path).stdout
    assert run("--json", UNTAGGED).stdout == run("--json", UNTAGGED).stdout


def test_json_report(tmp_path):
    report = json.loads(run("--json", "--pdfa", broken(tmp_path)).stdout)
    assert len(report) == 1 and report[0]["pages"] == 1 and report[0]["passed"] is False
    rules = {r["id"]: r for r in report[0]["rules"]}
    assert all(r["profile"] == "pdfa" for r in rules.values())
    assert rules["pdfa.info-xmp"]["result"] == "fail" and rules["pdfa.info-xmp"]["where"]
    assert rules["pdfa.header"] == {"id": "pdfa.header", "profile": "pdfa", "clause": "ISO 19005-2 6.1.2",
                                    "title": rules["pdfa.header"]["title"], "result": "pass", "where": []}


def test_list_rules():
    result = run("--list-rules", "--ua")
    assert result.returncode == 0
    assert "ua.headings" in result.stdout and "pdfa." not in result.stdout


def test_todays_untagged_engross_pdf_fails_the_expected_rules():
    """Proves the checker fails real output: Engross's PDF from before tagging and PDF/A."""
    report = json.loads(run("--json", UNTAGGED).stdout)[0]
    failed = {r["id"] for r in report["rules"] if r["result"] == "fail"}
    assert failed == {
        "ua.marked", "ua.struct-tree", "ua.lang", "ua.display-title", "ua.xmp", "ua.content-marked",
        "ua.fonts-embedded",  # cairo's CIDFontType2 fonts have no /CIDToGIDMap
        "pdfa.trailer", "pdfa.xmp", "pdfa.output-intent", "pdfa.device-colour", "pdfa.fonts-embedded",
    }


def test_a_tagged_pdfa_from_another_engine():
    """LibreOffice 7.4's tagged PDF/A-2b + PDF/UA export of Engross's support letter DOCX: a real file
    from another engine passes every rule but four findings, which pdfua and outloud (PyPI) confirm:
    two unmarked signature lines, a first heading H2, a layout table without TH, and pdfuaid in the
    XMP without a PDF/A extension schema."""
    report = json.loads(run("--json", FIXTURES / "libreoffice-tagged-support-letter.pdf").stdout)[0]
    failed = {r["id"]: r["where"] for r in report["rules"] if r["result"] == "fail"}
    assert failed == {
        "ua.content-marked": ["page 2: 2 painting operators outside tagged or artifact content (S ×2)"],
        "ua.headings": ["obj 15: first heading is H2, not H1"],
        "ua.tables": ["obj 41: Table without a TH"],
        "pdfa.xmp-schemas": ["metadata: property part of namespace http://www.aiim.org/pdfua/ns/id/ "
                             "has no PDF/A extension schema"],
    }


ENGROSS = os.environ.get("ENGROSS")
SAMPLE_CASE = ROOT / "Fixtures/cases/letters/support/valid.json"


def engross(*args):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1795910400")
    subprocess.run([ENGROSS, *map(str, args)], check=True, cwd=ROOT, env=env, capture_output=True)


@pytest.mark.skipif(not ENGROSS, reason="set ENGROSS to the engross binary (make pdf-check does)")
@pytest.mark.parametrize("flags, profiles", [([], ["--ua"]), (["--pdfa"], ["--ua", "--pdfa"])],
                         ids=["tagged", "tagged PDF/A"])
def test_engross_render_conforms(tmp_path, flags, profiles):
    out = tmp_path / "letter.pdf"
    engross("render", "letters/support", SAMPLE_CASE, "-f", "pdf", *flags, "-o", out)
    result = run(*profiles, out)
    assert result.returncode == 0, result.stdout


@pytest.mark.skipif(not ENGROSS, reason="set ENGROSS to the engross binary (make pdf-check does)")
def test_engross_pdfa_packet_conforms(tmp_path):
    """The demo packet with --pdfa: the packet and every document Engross typeset (the filled form
    is the blank's own, untagged, and is left out)."""
    engross("packet", "packets/t-visa", ROOT / "Fixtures/packets/t-visa/case.json", "-o", tmp_path / "packet",
            "--bates", "DEMO", "--forms", ROOT / "Fixtures/forms", "--pdfa")
    files = [tmp_path / "packet/t-visa-packet.pdf"] + sorted(
        p for p in (tmp_path / "packet/documents").glob("*.pdf") if "-form-" not in p.name)
    result = run(*files)
    assert result.returncode == 0, result.stdout
