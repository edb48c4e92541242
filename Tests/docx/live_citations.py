#!/usr/bin/python3
"""Live citations in Engross's DOCX, checked in LibreOffice (make docx-test).

Renders the T visa declaration fixtures to DOCX with the built engross, checks that every
citation of the declaration's own paragraphs is a REF field whose cached result is the number
Engross computed (LibreOffice shows that cached result until fields are updated, so it must
already be right), then opens the file in a headless LibreOffice through UNO, inserts a numbered
paragraph before the first cited paragraph, updates the fields, and checks that every citation
now shows its paragraph's new number. Finally it saves the edited file as DOCX, opens that again
and checks the renumbered citations survived.

Run with Debian's Python (it has `uno`): /usr/bin/python3 Tests/docx/live_citations.py
Environment: ENGROSS (the engross binary; default .build/debug/engross), SOFFICE (default soffice).
LibreOffice gets a profile and a pipe of its own, a bounded wait, and is stopped at the end.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ENGROSS = os.environ.get("ENGROSS", os.path.join(ROOT, ".build", "debug", "engross"))
SOFFICE = os.environ.get("SOFFICE", "soffice")
TEMPLATE = "t-visa/declaration"
# rich: ranges ("¶¶ 5–15"); under-18: a single paragraph ("¶ 3") cited twice, and a range of two.
CASES = [os.path.join(ROOT, "Fixtures", "cases", "t-visa", "declaration", name) for name in ("rich.yaml", "under-18.json")]
EPOCH = "1795910400"  # 2026-11-29, as every fixture
CONNECT_SECONDS = 60
TOTAL_SECONDS = 300  # the whole test, so that a LibreOffice that stops answering cannot hang it
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PARAGRAPH_BREAK = 0  # com.sun.star.text.ControlCharacter.PARAGRAPH_BREAK


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def render(case, folder):
    out = os.path.join(folder, os.path.splitext(os.path.basename(case))[0] + ".docx")
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    result = subprocess.run([ENGROSS, "render", TEMPLATE, case, "-f", "docx", "-o", out], cwd=ROOT, env=env, timeout=120,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"engross render {TEMPLATE} {case} exited with {result.returncode}:\n{result.stderr}")
    return out


def check_package(path):
    """The fields as written: REF \\r \\h to a bookmark on a numbered paragraph, cached result = its number."""
    import xml.etree.ElementTree as ET

    with zipfile.ZipFile(path) as z:
        body = ET.fromstring(z.read("word/document.xml"))
    bookmarks = {}
    for index, paragraph in enumerate(body.iter(W + "p")):
        for mark in paragraph.findall(W + "bookmarkStart"):
            assert paragraph.find(f"{W}pPr/{W}numPr") is not None, f"bookmark {mark.get(W + 'name')} not on a numbered paragraph"
            bookmarks[mark.get(W + "name")] = index
    fields = []
    for paragraph in body.iter(W + "p"):
        state, name, result = None, None, ""
        for run in paragraph.findall(W + "r"):
            mark = run.find(W + "fldChar")
            if mark is not None:
                kind = mark.get(W + "fldCharType")
                if kind == "begin":
                    state, name, result = "instruction", None, ""
                elif kind == "separate":
                    state = "result"
                elif kind == "end":
                    fields.append((name, result))
                    state = None
                continue
            if state == "instruction" and run.find(W + "instrText") is not None:
                match = re.fullmatch(r" REF (_Ref\w+) \\r \\h ", run.find(W + "instrText").text)
                assert match, f"unexpected field instruction {run.find(W + 'instrText').text!r}"
                name = match.group(1)
            elif state == "result":
                result += "".join(t.text or "" for t in run.findall(W + "t"))
    assert fields, "the declaration has no citation fields"
    for name, result in fields:
        assert name in bookmarks, f"REF to a bookmark the document lacks: {name}"
        assert result == name.rsplit("P", 1)[1], f"cached result {result!r} is not the number of {name}"
    print(f"package: {len(fields)} citation fields to {len(set(n for n, _ in fields))} bookmarked paragraphs, cached results right")
    return fields


class Office:
    """A headless LibreOffice with its own profile and pipe, stopped on exit."""

    def __init__(self, folder):
        self.pipe = f"engross-docx-test-{os.getpid()}"
        profile = os.path.join(folder, "profile")
        self.process = subprocess.Popen(
            [SOFFICE, "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
             f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={self.pipe};urp;StarOffice.ComponentContext"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)

    def __enter__(self):
        try:
            self.desktop = self.connect()
        except BaseException:
            self.stop(grace=0)
            raise
        return self

    def connect(self):
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + CONNECT_SECONDS
        while True:
            try:
                context = resolver.resolve(f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext")
                break
            except NoConnectException:
                if self.process.poll() is not None:
                    raise RuntimeError(f"soffice exited with status {self.process.returncode} before accepting a connection")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"soffice did not accept a connection within {CONNECT_SECONDS} s")
                time.sleep(0.5)
        return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)

    def __exit__(self, *exc):
        try:
            self.desktop.terminate()
        except Exception:
            pass  # the bridge goes away as soffice quits
        self.stop()

    def stop(self, grace=15):
        """Waits `grace` seconds for soffice to quit, then ends it: its process group, which this
        test started (soffice runs soffice.bin as a child), and nothing else."""
        try:
            self.process.wait(grace)
        except subprocess.TimeoutExpired:
            for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
                try:
                    os.killpg(self.process.pid, sig)
                    self.process.wait(wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
                except ProcessLookupError:
                    break
        try:
            os.killpg(self.process.pid, signal.SIGKILL)  # a soffice.bin left behind by its launcher
        except ProcessLookupError:
            pass

    def load(self, path):
        document = self.desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, (prop("Hidden", True),))
        assert document is not None, f"LibreOffice could not open {path}"
        return document


def elements(container):
    """The elements of a UNO enumeration access, in order."""
    enumeration = container.createEnumeration()
    while enumeration.hasMoreElements():
        yield enumeration.nextElement()


def paragraphs(document):
    return [e for e in elements(document.getText()) if e.supportsService("com.sun.star.text.Paragraph")]


def citations(document):
    """Each reference field to one of Engross's bookmarks: (bookmark name, what it shows)."""
    return [(field.getPropertyValue("SourceName"), field.getPresentation(False))
            for field in elements(document.getTextFields())
            if field.getPropertySetInfo().hasPropertyByName("SourceName")
            and field.getPropertyValue("SourceName").startswith("_Ref")]


def label(document, bookmark):
    """The list label LibreOffice shows on the paragraph that holds `bookmark` ("13.")."""
    anchor = document.getBookmarks().getByName(bookmark).getAnchor()
    return anchor.getStart().getPropertyValue("ListLabelString")


def check_in_libreoffice(office, path, fields):
    document = office.load(path)
    try:
        before = citations(document)
        assert len(before) == len(fields), f"LibreOffice sees {len(before)} citation fields, the package has {len(fields)}"
        for bookmark, shown in before:
            number = bookmark.rsplit("P", 1)[1]
            assert shown == number, f"{bookmark} shows {shown!r} before any edit, Engross wrote {number}"
            assert label(document, bookmark) == number + ".", f"{bookmark} is on paragraph {label(document, bookmark)!r}"
        texts_before = {p.getString() for p in paragraphs(document)}

        # A new numbered paragraph before the first cited one: every citation moves by one.
        first = min(before, key=lambda c: int(c[0].rsplit("P", 1)[1]))[0]
        target = document.getBookmarks().getByName(first).getAnchor().getStart()
        old_label = label(document, first)
        text = target.getText()
        cursor = text.createTextCursorByRange(target)
        cursor.gotoStartOfParagraph(False)
        text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
        cursor.gotoPreviousParagraph(False)
        cursor.gotoEndOfParagraph(True)
        cursor.setString("A paragraph the attorney added.")
        inserted = cursor.getPropertyValue("ListLabelString")
        assert inserted == old_label, f"the inserted paragraph is numbered {inserted!r}, not {old_label!r}"
        document.getTextFields().refresh()

        after = citations(document)
        for (bookmark, shown), (bookmark_after, shown_after) in zip(before, after):
            assert bookmark == bookmark_after
            assert shown_after == str(int(shown) + 1), f"{bookmark}: {shown!r} became {shown_after!r} after the update, not {int(shown) + 1}"
            assert label(document, bookmark) == shown_after + ".", f"{bookmark} shows {shown_after}, its paragraph is {label(document, bookmark)!r}"
        changed = [p.getString() for p in paragraphs(document) if p.getString() not in texts_before]
        print(f"LibreOffice: {len(after)} citations renumbered after a paragraph was inserted before {first}; e.g.")
        for line in changed[:4]:
            print("   ", line[:150])

        edited = path.replace(".docx", "-edited.docx")
        document.storeToURL(uno.systemPathToFileUrl(edited), (prop("FilterName", "MS Word 2007 XML"),))
        return after, edited
    finally:
        document.close(True)


def check_saved(office, path, expected):
    document = office.load(path)
    try:
        shown = citations(document)
        assert shown == expected, f"after saving and reopening: {shown} instead of {expected}"
        print(f"saved as DOCX by LibreOffice and reopened: the {len(shown)} renumbered citations are kept")
    finally:
        document.close(True)


def timed_out(signum, frame):
    raise TimeoutError(f"docx-test took longer than {TOTAL_SECONDS} s")


def main():
    sys.stdout.reconfigure(line_buffering=True)  # in order with what engross and soffice print
    signal.signal(signal.SIGALRM, timed_out)
    signal.alarm(TOTAL_SECONDS)
    folder = tempfile.mkdtemp(prefix="engross-docx-test-")
    try:
        paths = [render(case, folder) for case in CASES]
        with Office(folder) as office:
            for case, path in zip(CASES, paths):
                print(f"{TEMPLATE} with {os.path.relpath(case, ROOT)}:")
                fields = check_package(path)
                expected, edited = check_in_libreoffice(office, path, fields)
                check_saved(office, edited, expected)
        print("docx-test: ok")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
