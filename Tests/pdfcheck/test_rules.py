"""Each rule of scripts/check-pdf: a hand-written PDF that passes every rule, and for each rule a copy
broken in one place, which must fail that rule (and only the rules the break necessarily touches)."""

import pytest

from pdfbuild import edit, good_objects, write_pdf

PROFILES = ["ua", "pdfa"]


def failing(checker, path):
    _, results = checker.check(str(path), PROFILES)
    return {r.rule.id for r in results if not r.passed}


def test_every_rule_has_a_test(checker):
    """A rule added to the checker without a case here fails this test."""
    tested = {rule for case in BREAKS for rule in case[2]}
    assert {r.id for r in checker.RULES} <= tested


def test_good_file_passes_every_rule(checker, tmp_path):
    assert failing(checker, write_pdf(tmp_path / "good.pdf", good_objects())) == set()


# (name, edits [(object, old, new)], rules that must fail)
BREAKS = [
    # --- PDF/UA-1 -------------------------------------------------------------------------------
    ("no MarkInfo", [(1, "/MarkInfo << /Marked true >>", "")], {"ua.marked"}),
    ("Marked false", [(1, "/Marked true", "/Marked false")], {"ua.marked"}),
    ("no structure tree", [(1, "/StructTreeRoot 10 0 R", "")], {"ua.struct-tree", "ua.mcid-owner", "ua.annotations"}),
    ("no Lang", [(1, "/Lang (en-US)", "")], {"ua.lang"}),
    ("Lang not BCP 47", [(1, "/Lang (en-US)", "/Lang (english, US)")], {"ua.lang"}),
    ("empty Lang", [(1, "/Lang (en-US)", "/Lang ()")], {"ua.lang"}),
    ("DisplayDocTitle false", [(1, "/DisplayDocTitle true", "/DisplayDocTitle false")], {"ua.display-title"}),
    ("no ViewerPreferences", [(1, "/ViewerPreferences << /DisplayDocTitle true >>", "")], {"ua.display-title"}),
    ("no pdfuaid:part", [(20, "<pdfuaid:part>1</pdfuaid:part>", "")], {"ua.xmp"}),
    ("empty dc:title", [(20, "Ana Testcase A-000-000-001</rdf:li>", "</rdf:li>"),
                        (40, "/Title (Ana Testcase A-000-000-001) ", "")], {"ua.xmp"}),
    ("unmarked painting", [(4, "/Artifact BMC", "0 0 72 72 re f /Artifact BMC")], {"ua.content-marked"}),
    ("unmarked image", [(4, "/Figure <</MCID 2>> BDC q 10 0 0 10 72 600 cm /Im1 Do Q EMC",
                         "q 10 0 0 10 72 600 cm /Im1 Do Q /Figure <</MCID 2>> BDC EMC")], {"ua.content-marked"}),
    ("MCID inside an Artifact", [(4, "/LBody <</MCID 6>> BDC", "/Artifact BMC /LBody <</MCID 6>> BDC"),
                                 (4, "(Item) Tj ET EMC", "(Item) Tj ET EMC EMC")], {"ua.content-marked"}),
    ("tagged inside tagged", [(4, "(1.) Tj ET EMC", "(1.) Tj ET"),
                              (4, "(Item) Tj ET EMC", "(Item) Tj ET EMC EMC")], {"ua.content-marked"}),
    ("reference to a missing MCID", [(24, "/K 6", "/K [6 9]")], {"ua.mcid-owner"}),
    ("MCID owned twice", [(23, "/K 5", "/K [5 6]")], {"ua.mcid-owner"}),
    ("ParentTree points elsewhere", [(30, "[12 0 R 13 0 R", "[13 0 R 12 0 R")], {"ua.mcid-owner"}),
    ("no StructParents", [(3, "/StructParents 0", "")], {"ua.mcid-owner"}),
    ("unmapped type", [(13, "/S /Para", "/S /Paragraph")], {"ua.struct-types"}),
    ("standard type remapped", [(10, "/RoleMap << /Para /P >>", "/RoleMap << /Para /P /Sect /Div >>")],
     {"ua.struct-types"}),
    ("circular role map", [(10, "/RoleMap << /Para /P >>", "/RoleMap << /Para /Blurb /Blurb /Para >>")],
     {"ua.struct-types"}),
    ("first heading not H1", [(12, "/S /H1", "/S /H2")], {"ua.headings"}),
    ("heading level skipped", [(25, "/S /H2", "/S /H3")], {"ua.headings"}),
    ("H mixed with H1", [(25, "/S /H2", "/S /H")], {"ua.headings"}),
    ("Figure without Alt", [(14, "/Alt (A grey square) ", "")], {"ua.figure-alt"}),
    ("Figure with blank Alt", [(14, "/Alt (A grey square)", "/Alt (  )")], {"ua.figure-alt"}),
    ("Table without TH", [(17, "/S /TH", "/S /TD")], {"ua.tables"}),
    ("TH without Scope", [(17, "/A << /O /Table /Scope /Column >> ", "")], {"ua.tables"}),
    ("TD with Headers instead", [(17, "/A << /O /Table /Scope /Column >> ", "/ID (h1) "),
                                 (19, "/S /TD", "/S /TD /A << /O /Table /Headers [(h1)] >>")], set()),
    ("P inside TR", [(19, "/S /TD", "/S /Para")], {"ua.tables"}),
    ("TD outside TR", [(15, "/K [16 0 R]", "/K [16 0 R 26 0 R]")], {"ua.tables"}),
    ("P inside LI", [(24, "/S /LBody", "/S /Para")], {"ua.lists"}),
    ("P inside L", [(22, "/S /LI", "/S /Para")], {"ua.lists"}),
    ("annotation not in the tree", [(61, "/K [<< /Type /OBJR /Obj 60 0 R /Pg 3 0 R >>]", "/K []")],
     {"ua.annotations"}),
    ("link in a Span", [(61, "/S /Link", "/S /Span")], {"ua.annotations"}),
    ("link without Contents", [(60, "/Contents (Link to the example site) ", "")], {"ua.annotations"}),
    ("page without Tabs /S", [(3, " /Tabs /S", "")], {"ua.annotations"}),
    ("annotation StructParent wrong", [(60, "/StructParent 1", "/StructParent 0")], {"ua.annotations"}),
    # --- both ------------------------------------------------------------------------------------
    ("font not embedded", [(6, "/FontFile2 7 0 R", "")], {"ua.fonts-embedded", "pdfa.fonts-embedded"}),
    ("no ToUnicode, no standard encoding", [(5, "/Encoding /WinAnsiEncoding ", ""), (5, "/ToUnicode 9 0 R", "")],
     {"ua.fonts-unicode"}),
    # --- PDF/A-2b --------------------------------------------------------------------------------
    ("no binary comment", "binary_comment", {"pdfa.header"}),
    ("no file ID", "file_id", {"pdfa.trailer"}),
    ("qpdf finds damage", "xref_shift", {"pdfa.qpdf"}),
    ("pdfaid:part 3", [(20, "<pdfaid:part>2</pdfaid:part>", "<pdfaid:part>3</pdfaid:part>")], {"pdfa.xmp"}),
    ("conformance A", [(20, "<pdfaid:conformance>B<", "<pdfaid:conformance>A<")], {"pdfa.xmp"}),
    ("XMP not XML", [(20, "</x:xmpmeta>", "")], {"pdfa.xmp", "ua.xmp"}),
    ("XMP in UTF-16", "xmp_utf16", {"pdfa.xmp"}),
    ("xpacket with encoding", [(20, 'id="W5M0MpCehiHzreSzNTczkc9d"', 'id="W5M0MpCehiHzreSzNTczkc9d" encoding="UTF-8"')],
     {"pdfa.xmp"}),
    ("metadata without Subtype", [(20, "/Subtype /XML", "")], {"pdfa.xmp", "ua.xmp"}),
    ("no extension schema for pdfuaid", [(20, "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/",
                                          "<pdfaSchema:namespaceURI>http://example.org/other/")],
     {"pdfa.xmp-schemas"}),
    ("property not in the extension schema", [(20, "<pdfaProperty:name>part<", "<pdfaProperty:name>level<")],
     {"pdfa.xmp-schemas"}),
    ("Info Title differs", [(40, "/Title (Ana Testcase", "/Title (Other Testcase")], {"pdfa.info-xmp"}),
    ("Info date differs", [(40, "/ModDate (D:20261129000000Z)", "/ModDate (D:20261130000000Z)")], {"pdfa.info-xmp"}),
    ("Info Producer without XMP", [(20, "<pdf:Producer>Test builder</pdf:Producer>", "")], {"pdfa.info-xmp"}),
    ("no output intent", [(1, "/OutputIntents [", "/NotOutputIntents [")],
     {"pdfa.output-intent", "pdfa.device-colour"}),
    ("profile N does not match", [(21, "/N 3", "/N 4")], {"pdfa.output-intent"}),
    ("ICC version 5", "icc_v5", {"pdfa.output-intent"}),
    ("DeviceCMYK with an RGB intent", [(4, "0 0 0 rg", "0 0 0 1 k")], {"pdfa.device-colour"}),
    ("DeviceCMYK image", [(8, "/ColorSpace /DeviceGray", "/ColorSpace /DeviceCMYK")], {"pdfa.device-colour"}),
    ("JavaScript action", [(1, "/Type /Catalog", "/Type /Catalog /OpenAction << /S /JavaScript /JS (x) >>")],
     {"pdfa.actions"}),
    ("Launch action", [(1, "/Type /Catalog", "/Type /Catalog /OpenAction << /S /Launch /F (x.exe) >>")],
     {"pdfa.actions"}),
    ("page AA", [(3, "/Type /Page", "/Type /Page /AA << /O << /S /GoTo /D [3 0 R /Fit] >> >>")], {"pdfa.actions"}),
    ("annotation hidden", [(60, "/F 4", "/F 6")], {"pdfa.annotations"}),
    ("annotation without F", [(60, "/F 4 ", "")], {"pdfa.annotations"}),
    ("Sound annotation", [(60, "/Subtype /Link", "/Subtype /Sound")], {"pdfa.annotations", "ua.annotations"}),
    ("Text annotation without appearance", [(60, "/Subtype /Link", "/Subtype /Text")],
     {"pdfa.annotations", "ua.annotations"}),
    ("NeedAppearances", [(1, "/Type /Catalog", "/Type /Catalog /AcroForm << /Fields [] /NeedAppearances true >>")],
     {"pdfa.forms"}),
    ("XFA", [(1, "/Type /Catalog", "/Type /Catalog /AcroForm << /Fields [] /XFA [] >>")], {"pdfa.forms"}),
    ("external stream filter", [(7, "/Length1 15", "/Length1 15 /FFilter /FlateDecode")], {"pdfa.streams"}),
    ("embedded file", [(1, "/Type /Catalog", "/Type /Catalog /Names << /EmbeddedFiles << /Names [] >> >>")],
     {"pdfa.embedded-files"}),
    ("transfer function", [(3, "/XObject << /Im1 8 0 R >>",
                            "/XObject << /Im1 8 0 R >> /ExtGState << /G1 << /TR /Identity >> >>")],
     {"pdfa.extgstate"}),
    ("halftone phase", [(3, "/XObject << /Im1 8 0 R >>",
                         "/XObject << /Im1 8 0 R >> /ExtGState << /G1 << /HTP [0 0] >> >>")],
     {"pdfa.extgstate"}),
    ("Interpolate", [(8, "/BitsPerComponent 8", "/BitsPerComponent 8 /Interpolate true")], {"pdfa.images"}),
    ("non-standard blend mode", [(3, "/XObject << /Im1 8 0 R >>",
                                  "/XObject << /Im1 8 0 R >> /ExtGState << /G1 << /BM /Sparkle >> >>")],
     {"pdfa.transparency"}),
    ("transparency without intent or group", "transparency",
     {"pdfa.transparency", "pdfa.output-intent"}),
]


def apply(objects, break_spec):
    """The objects and write options for one case of BREAKS."""
    options = {}
    if break_spec in ("binary_comment", "file_id"):
        options[break_spec] = False
    elif break_spec == "xref_shift":
        options[break_spec] = 3
    elif break_spec == "xmp_utf16":
        from pdfbuild import XMP
        objects[20] = ("<< /Type /Metadata /Subtype /XML >>", XMP.replace("\ufeff", "").encode("utf-16"))
    elif break_spec == "icc_v5":
        from pdfbuild import icc_profile
        objects[21] = ("<< /N 3 >>", icc_profile(major=5))
    elif break_spec == "transparency":
        edit(objects, 1, "/OutputIntents [", "/NotOutputIntents [")
        edit(objects, 4, "0 0 0 rg", "0 g /G1 gs")
        edit(objects, 3, "/XObject << /Im1 8 0 R >>", "/XObject << /Im1 8 0 R >> /ExtGState << /G1 << /ca 0.5 >> >>")
    else:
        for num, old, new in break_spec:
            if num == 15 and "26 0 R" in new:
                objects[26] = "<< /Type /StructElem /S /TD /P 15 0 R /K [] >>"
            edit(objects, num, old, new)
    return objects, options


@pytest.mark.parametrize("case", BREAKS, ids=[c[0] for c in BREAKS])
def test_break_fails_exactly_its_rule(checker, tmp_path, case):
    _, break_spec, expected = case
    objects, options = apply(good_objects(), break_spec)
    assert failing(checker, write_pdf(tmp_path / "broken.pdf", objects, **options)) == expected


def test_transparency_with_group_colour_space_passes(checker, tmp_path):
    objects, options = apply(good_objects(), "transparency")
    edit(objects, 3, "/Type /Page", "/Type /Page /Group << /S /Transparency /CS /DeviceGray >>")
    assert failing(checker, write_pdf(tmp_path / "group.pdf", objects, **options)) == {"pdfa.output-intent"}


@pytest.mark.parametrize("date", ["D:20261128190000-05'00'", "D:20261129000000Z'", "D:20261129000000+00'00'",
                                  "D:20261129000000", "D:20261129010000+01'00"])
def test_dates_compare_as_instants(checker, tmp_path, date):
    objects = good_objects()
    edit(objects, 40, "/ModDate (D:20261129000000Z)", f"/ModDate ({date})")
    assert failing(checker, write_pdf(tmp_path / "offset.pdf", objects)) == set()


def test_profiles_select_rules(checker, tmp_path):
    path = write_pdf(tmp_path / "good.pdf", good_objects())
    _, ua = checker.check(str(path), ["ua"])
    _, pdfa = checker.check(str(path), ["pdfa"])
    assert {r.rule.profile for r in ua} == {"ua"} and {r.rule.profile for r in pdfa} == {"pdfa"}


def form_with_own_mcid(objects):
    """A form XObject (obj 50) with its own marked content, MCID 0, drawn on the page."""
    objects[50] = ("<< /Type /XObject /Subtype /Form /BBox [0 0 100 20] /StructParents 2 "
                   "/Resources << /Font << /F1 5 0 R >> >> >>",
                   b"/P <</MCID 0>> BDC BT /F1 9 Tf 0 5 Td (Stamp) Tj ET EMC")
    edit(objects, 3, "/XObject << /Im1 8 0 R >>", "/XObject << /Im1 8 0 R /Fx 50 0 R >>")
    edit(objects, 4, "/Artifact BMC", "q 1 0 0 1 400 40 cm /Fx Do Q /Artifact BMC")
    return objects


def test_mcid_in_a_form_xobject_owned_through_stm(checker, tmp_path):
    objects = form_with_own_mcid(good_objects())
    objects[51] = "<< /Type /StructElem /S /P /P 11 0 R /Pg 3 0 R /K << /Type /MCR /Stm 50 0 R /MCID 0 >> >>"
    edit(objects, 11, "61 0 R]", "61 0 R 51 0 R]")
    assert failing(checker, write_pdf(tmp_path / "form.pdf", objects)) == set()


def test_mcid_in_a_form_xobject_without_owner(checker, tmp_path):
    objects = form_with_own_mcid(good_objects())
    _, results = checker.check(str(write_pdf(tmp_path / "form.pdf", objects)), PROFILES)
    failed = {r.rule.id: r.where for r in results if not r.passed}
    assert failed == {"ua.mcid-owner": ["form XObject obj 50: MCID 0 is not referenced by any structure element"]}
