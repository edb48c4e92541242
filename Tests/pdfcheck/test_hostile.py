"""Hostile PDFs give a report or a clear error, never a crash or a hang."""

import subprocess
import sys

import pytest

from conftest import SCRIPT
from pdfbuild import edit, good_objects, write_pdf


def run(path):
    return subprocess.run([sys.executable, str(SCRIPT), str(path)], capture_output=True, text=True,
                          timeout=60)


def test_form_xobject_that_draws_itself(tmp_path):
    objects = good_objects()
    objects[50] = ("<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] "
                   "/Resources << /XObject << /Fx 50 0 R >> >> >>", b"/Fx Do 0 0 5 5 re f")
    edit(objects, 3, "/XObject << /Im1 8 0 R >>", "/XObject << /Im1 8 0 R /Fx 50 0 R >>")
    edit(objects, 4, "/Artifact BMC", "/Artifact BMC /Fx Do")
    result = run(write_pdf(tmp_path / "loop.pdf", objects))
    assert result.returncode == 0, result.stdout   # everything it paints is inside the Artifact


def test_form_xobject_paints_outside_marks(tmp_path):
    objects = good_objects()
    objects[50] = ("<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] >>", b"0 0 5 5 re f")
    edit(objects, 3, "/XObject << /Im1 8 0 R >>", "/XObject << /Im1 8 0 R /Fx 50 0 R >>")
    edit(objects, 4, "/Artifact BMC", "/Fx Do /Artifact BMC")
    result = run(write_pdf(tmp_path / "form.pdf", objects))
    assert result.returncode == 1
    assert "page 1: 1 painting operators outside tagged or artifact content (f ×1)" in result.stdout


@pytest.mark.parametrize("edits, message", [
    ([(18, "/K [22 0 R]", "/K [22 0 R 11 0 R]")], "obj 11 appears twice in the structure tree"),
    ([(30, "<< /Nums", "<< /Kids [30 0 R] /Limits [0 0] /Nums"), (30, "/Nums [0 [", "/Nums [5 [")],
     "ParentTree has no array for /StructParents 0"),
    ([(4, "(Item) Tj ET EMC", "(Item) Tj ET EMC EMC")], "EMC without a matching BMC/BDC"),
], ids=["structure tree cycle", "parent tree cycle", "unbalanced EMC"])
def test_cycles_and_unbalanced_marks(tmp_path, edits, message):
    objects = good_objects()
    for num, old, new in edits:
        edit(objects, num, old, new)
    result = run(write_pdf(tmp_path / "hostile.pdf", objects))
    assert result.returncode == 1 and message in result.stdout


def test_truncated_file(tmp_path):
    data = write_pdf(tmp_path / "whole.pdf", good_objects()).read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 3])
    result = run(cut)
    assert result.returncode in (1, 2)
    assert "Traceback" not in result.stderr


def test_time_limit(tmp_path):
    objects = good_objects()
    edit(objects, 4, "/Artifact BMC", "/Artifact BMC " + "0 0 m 1 1 l S\n" * 200_000)
    path = write_pdf(tmp_path / "long.pdf", objects)
    result = subprocess.run([sys.executable, str(SCRIPT), "--timeout", "1", str(path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "not checked within 1 s" in result.stderr
