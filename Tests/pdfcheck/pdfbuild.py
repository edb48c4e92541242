"""Writes small PDFs by hand for the tests of scripts/check-pdf: a one-page tagged PDF/A-2b and
PDF/UA-1 file whose objects the tests edit one at a time, to break one rule each."""

from __future__ import annotations

import re
from pathlib import Path

# Invented values only; SECRET must never appear in check-pdf's report.
SECRET = "Ana Testcase A-000-000-001"

CONTENT = f"""/Artifact BMC 0 0 0 rg 72 40 m 540 40 l S EMC
/H1 <</MCID 0>> BDC BT /F1 14 Tf 72 720 Td ({SECRET}) Tj ET EMC
/Para <</MCID 1>> BDC BT /F1 12 Tf 72 700 Td (Body text) Tj ET EMC
/Figure <</MCID 2>> BDC q 10 0 0 10 72 600 cm /Im1 Do Q EMC
/TH <</MCID 3>> BDC BT /F1 12 Tf 72 560 Td (Head) Tj ET EMC
/TD <</MCID 4>> BDC BT /F1 12 Tf 72 540 Td (Cell) Tj ET EMC
/Lbl <</MCID 5>> BDC BT /F1 12 Tf 72 500 Td (1.) Tj ET EMC
/LBody <</MCID 6>> BDC BT /F1 12 Tf 90 500 Td (Item) Tj ET EMC
"""

XMP = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{SECRET}</rdf:li></rdf:Alt></dc:title>
   <pdf:Producer>Test builder</pdf:Producer>
   <xmp:CreateDate>2026-11-29T00:00:00Z</xmp:CreateDate>
   <xmp:ModifyDate>2026-11-29T00:00:00Z</xmp:ModifyDate>
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
   <pdfuaid:part>1</pdfuaid:part>
   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
     <pdfaSchema:schema>PDF/UA identification</pdfaSchema:schema>
     <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
     <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
     <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
       <pdfaProperty:name>part</pdfaProperty:name>
       <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
       <pdfaProperty:category>internal</pdfaProperty:category>
       <pdfaProperty:description>Part of PDF/UA</pdfaProperty:description>
     </rdf:li></rdf:Seq></pdfaSchema:property>
   </rdf:li></rdf:Bag></pdfaExtension:schemas>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def icc_profile(space: bytes = b"RGB ", major: int = 2) -> bytes:
    """A 132-byte ICC profile: a header and an empty tag table (enough for the checks)."""
    header = bytearray(128)
    header[0:4] = (132).to_bytes(4, "big")
    header[8] = major
    header[12:16] = b"mntr"
    header[16:20] = space
    header[20:24] = b"XYZ "
    header[36:40] = b"acsp"
    return bytes(header) + (0).to_bytes(4, "big")


TO_UNICODE = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /Test-UCS def /CMapType 2 def
1 begincodespacerange <00> <FF> endcodespacerange
1 beginbfrange <20> <7E> <0020> endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end"""


def good_objects() -> dict[int, object]:
    """The objects of a file that passes every rule: str for a dictionary, (str, bytes) for a stream."""
    widths = " ".join(["500"] * 95)
    return {
        1: "<< /Type /Catalog /Pages 2 0 R /MarkInfo << /Marked true >> /StructTreeRoot 10 0 R "
           "/Lang (en-US) /ViewerPreferences << /DisplayDocTitle true >> /Metadata 20 0 R "
           "/OutputIntents [ << /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB) "
           "/DestOutputProfile 21 0 R >> ] >>",
        2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
           "/Resources << /Font << /F1 5 0 R >> /XObject << /Im1 8 0 R >> >> "
           "/Contents 4 0 R /StructParents 0 /Annots [60 0 R] /Tabs /S >>",
        4: ("<< >>", CONTENT.encode("latin-1")),
        5: "<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+TestSans /FirstChar 32 /LastChar 126 "
           f"/Widths [{widths}] /Encoding /WinAnsiEncoding /FontDescriptor 6 0 R /ToUnicode 9 0 R >>",
        6: "<< /Type /FontDescriptor /FontName /ABCDEF+TestSans /Flags 32 /FontBBox [0 -200 1000 800] "
           "/ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 7 0 R >>",
        7: ("<< /Length1 15 >>", b"not a real font"),
        8: ("<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
            "/BitsPerComponent 8 >>", b"\x80"),
        9: ("<< >>", TO_UNICODE),
        10: "<< /Type /StructTreeRoot /K 11 0 R /ParentTree 30 0 R /ParentTreeNextKey 2 "
            "/RoleMap << /Para /P >> >>",
        11: "<< /Type /StructElem /S /Document /P 10 0 R "
            "/K [12 0 R 25 0 R 13 0 R 14 0 R 15 0 R 18 0 R 61 0 R] >>",
        12: "<< /Type /StructElem /S /H1 /P 11 0 R /Pg 3 0 R /K 0 >>",
        25: "<< /Type /StructElem /S /H2 /P 11 0 R /K [] >>",
        13: "<< /Type /StructElem /S /Para /P 11 0 R /Pg 3 0 R /K 1 >>",
        14: "<< /Type /StructElem /S /Figure /P 11 0 R /Pg 3 0 R /Alt (A grey square) /K 2 >>",
        15: "<< /Type /StructElem /S /Table /P 11 0 R /K [16 0 R] >>",
        16: "<< /Type /StructElem /S /TR /P 15 0 R /K [17 0 R 19 0 R] >>",
        17: "<< /Type /StructElem /S /TH /P 16 0 R /Pg 3 0 R /A << /O /Table /Scope /Column >> /K 3 >>",
        19: "<< /Type /StructElem /S /TD /P 16 0 R /Pg 3 0 R /K 4 >>",
        18: "<< /Type /StructElem /S /L /P 11 0 R /K [22 0 R] >>",
        22: "<< /Type /StructElem /S /LI /P 18 0 R /K [23 0 R 24 0 R] >>",
        23: "<< /Type /StructElem /S /Lbl /P 22 0 R /Pg 3 0 R /K 5 >>",
        24: "<< /Type /StructElem /S /LBody /P 22 0 R /Pg 3 0 R /K 6 >>",
        20: ("<< /Type /Metadata /Subtype /XML >>", XMP.encode("utf-8")),
        21: ("<< /N 3 >>", icc_profile()),
        30: "<< /Nums [0 [12 0 R 13 0 R 14 0 R 17 0 R 19 0 R 23 0 R 24 0 R] 1 61 0 R] >>",
        60: "<< /Type /Annot /Subtype /Link /Rect [72 480 200 495] /F 4 /Border [0 0 0] "
            "/Contents (Link to the example site) /A << /S /URI /URI (https://example.org/) >> "
            "/StructParent 1 >>",
        61: "<< /Type /StructElem /S /Link /P 11 0 R /K [<< /Type /OBJR /Obj 60 0 R /Pg 3 0 R >>] >>",
        40: f"<< /Title ({SECRET}) /Producer (Test builder) "
            "/CreationDate (D:20261129000000Z) /ModDate (D:20261129000000Z) >>",
    }


def edit(objects: dict, num: int, old: str, new: str) -> None:
    """Replaces old by new in object num (its dictionary, or a stream's data); old must occur."""
    value = objects[num]
    if isinstance(value, tuple):
        head, data = value
        if old in head:
            objects[num] = (head.replace(old, new, 1), data)
            return
        assert old.encode("utf-8") in data, f"{old!r} not in stream {num}"
        objects[num] = (head, data.replace(old.encode("utf-8"), new.encode("utf-8"), 1))
        return
    assert old in value, f"{old!r} not in object {num}"
    objects[num] = value.replace(old, new, 1)


def write_pdf(path: Path, objects: dict, *, binary_comment: bool = True, file_id: bool = True,
              info: int = 40, xref_shift: int = 0) -> Path:
    """Writes objects as a PDF 1.7 file with a correct cross-reference table (or one whose offsets
    are xref_shift bytes off, which qpdf reports and repairs)."""
    out = bytearray(b"%PDF-1.7\n")
    out += b"%\xe2\xe3\xcf\xd3\n" if binary_comment else b"%ascii\n"
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        value = objects[num]
        if isinstance(value, tuple):
            head, data = value
            head = re.sub(r">>\s*$", f" /Length {len(data)} >>", head.strip())
            out += f"{num} 0 obj\n{head}\nstream\n".encode("latin-1") + data + b"\nendstream\nendobj\n"
        else:
            out += f"{num} 0 obj\n{value}\nendobj\n".encode("latin-1")
    size = max(objects) + 1
    xref = len(out)
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    for num in range(1, size):
        if num in offsets:
            out += f"{offsets[num] + xref_shift:010d} 00000 n \n".encode()
        else:
            out += b"0000000000 65535 f \n"
    trailer = f"/Size {size} /Root 1 0 R"
    if info in objects:
        trailer += f" /Info {info} 0 R"
    if file_id:
        trailer += " /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]"
    out += f"trailer\n<< {trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path
