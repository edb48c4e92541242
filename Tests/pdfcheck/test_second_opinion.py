"""A second opinion from independent PDF/UA checkers on PyPI that run offline, when installed:
pdfua (MIT, on pikepdf) and outloud (Apache-2.0, on pikepdf and PyMuPDF). They must agree with
check-pdf on the hand-written good file (passes) and on Engross's untagged PDF of today (fails)."""

import importlib.util
import shutil
import subprocess
import sys

import pytest

from pdfbuild import good_objects, write_pdf
from test_cli import UNTAGGED

CHECKERS = {
    "pdfua": ["check"],
    "outloud": ["--no-info", "--layer", "conformance", "-q"],
}


def command(tool):
    """How to run tool: its script on PATH, or `python3 -m pdfua` (a pip install without a rehash)."""
    if shutil.which(tool):
        return [shutil.which(tool)]
    if tool == "pdfua" and importlib.util.find_spec("pdfua"):
        return [sys.executable, "-m", "pdfua"]
    pytest.skip(f"{tool} is not installed (python3 -m pip install {tool})")


@pytest.mark.parametrize("tool", sorted(CHECKERS))
def test_second_opinion_agrees(tmp_path, tool):
    program = command(tool)
    good = write_pdf(tmp_path / "good.pdf", good_objects())
    passed = subprocess.run([*program, *CHECKERS[tool], str(good)], capture_output=True, text=True)
    assert passed.returncode == 0, passed.stdout
    failed = subprocess.run([*program, *CHECKERS[tool], str(UNTAGGED)], capture_output=True, text=True)
    assert failed.returncode != 0
