"""Fixtures of the browser tests: the web app's server, run as a user runs it, and Chromium.

The server is `engross-server` (the debug build, or the program named by ENGROSS_SERVER), started
once for the session on port 0 with a fresh data folder, SOURCE_DATE_EPOCH set to the fixtures'
"today" (2026-11-29). Its standard error, the request log, goes to a file that tests read. It is
stopped at the end of the session, whatever happened.
"""

import contextlib
import os
import pathlib
import queue
import re
import signal
import subprocess
import threading

import pytest
from playwright.sync_api import expect, sync_playwright

from support import ROOT, TODAY_EPOCH, new_context

ADDRESS = re.compile(r"http://127\.0\.0\.1:\d+/")
# The machine's two cores are shared: give a page's answer 10 s, not Playwright's 5.
expect.set_options(timeout=10_000)


class Server:
    """A running engross-server: its address and its request log."""

    def __init__(self, url, log_path):
        self.url = url
        self.log_path = log_path

    def log(self):
        """Everything the server has written to standard error so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def _program():
    program = os.environ.get("ENGROSS_SERVER") or str(ROOT / ".build/debug/engross-server")
    if not os.access(program, os.X_OK):
        pytest.exit(f"{program} is missing: run `swift build --product engross-server` (or `make browser-test`)", returncode=2)
    return program


@contextlib.contextmanager
def running_server(folder, *arguments):
    """engross-server ARGUMENTS (the web app on port 0 over `folder`/data, SOURCE_DATE_EPOCH set),
    its standard error in `folder`/stderr.log; stopped on leaving, whatever happened."""
    log_path = folder / "stderr.log"
    environment = dict(os.environ, SOURCE_DATE_EPOCH=TODAY_EPOCH)
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [_program(), "serve", "--templates", str(ROOT / "Templates"), "--forms", str(ROOT / "Fixtures/forms"),
             "--data", str(folder / "data"), "--port", "0", *arguments],
            cwd=ROOT, env=environment, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log,
        )
    try:
        lines = queue.Queue()

        def read():
            for line in process.stdout:
                lines.put(line.decode("utf-8", "replace"))
            lines.put(None)

        threading.Thread(target=read, daemon=True).start()
        url = None
        while url is None:
            try:
                line = lines.get(timeout=60)
            except queue.Empty:
                break
            if line is None:
                break
            match = ADDRESS.search(line)
            url = match.group(0) if match else None
        if url is None:
            pytest.exit("engross-server did not print its address; its standard error:\n" + log_path.read_text(errors="replace"),
                returncode=2)
        yield Server(url, log_path)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    with running_server(tmp_path_factory.mktemp("server")) as running:
        yield running


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-dev-shm-usage"],
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser):
    context = new_context(browser)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(scope="session")
def typed_values():
    """Every case value a test typed or uploaded; none may reach the server's log."""
    return set()


def pytest_collection_modifyitems(items):
    """The check of the server's log runs after every test that typed into the server."""
    items.sort(key=lambda item: item.module.__name__ == "test_server_log")
