"""Loads scripts/check-pdf (a script without .py) as the module `checker` for the tests."""

import importlib.machinery
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "check-pdf"
sys.path.insert(0, str(Path(__file__).resolve().parent))


def load_checker():
    loader = importlib.machinery.SourceFileLoader("check_pdf", str(SCRIPT))
    spec = importlib.util.spec_from_loader("check_pdf", loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_pdf"] = module  # dataclasses look their module up while it loads
    loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def checker():
    return load_checker()
