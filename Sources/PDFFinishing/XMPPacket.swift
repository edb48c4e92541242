import TextSafety

/// The XMP metadata packet of a finished PDF: the same title, subject, keywords, tool and dates as
/// its document information dictionary (PDF/A requires the two to agree), the PDF/UA
/// identification, and, for PDF/A-2b, its identification and the extension schema that declares
/// the PDF/UA property (PDF/A allows only declared properties).
struct XMPPacket {
    var title: String
    var subject: String?
    var keywords: String?
    var tool: String
    /// yyyy-mm-dd; the document's creation and modification instant is its midnight, UTC.
    var date: String
    var archival: Bool

    /// The packet as UTF-8, with its header and a trailer that marks it read-only.
    var bytes: [UInt8] {
        let instant = date + "T00:00:00Z"
        var lines = [
            "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>",
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">",
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">",
            "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\""
                + " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\""
                + (archival ? " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"" : "") + ">",
            "<dc:format>application/pdf</dc:format>",
            "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">\(escape(title))</rdf:li></rdf:Alt></dc:title>",
        ]
        if let subject {
            lines.append("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">\(escape(subject))</rdf:li></rdf:Alt></dc:description>")
        }
        if let keywords { lines.append("<pdf:Keywords>\(escape(keywords))</pdf:Keywords>") }
        lines += [
            "<pdf:Producer>\(escape(tool))</pdf:Producer>",
            "<xmp:CreatorTool>\(escape(tool))</xmp:CreatorTool>",
            "<xmp:CreateDate>\(instant)</xmp:CreateDate>",
            "<xmp:ModifyDate>\(instant)</xmp:ModifyDate>",
            "<xmp:MetadataDate>\(instant)</xmp:MetadataDate>",
            "<pdfuaid:part>1</pdfuaid:part>",
        ]
        if archival {
            lines += ["<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>"]
        }
        lines.append("</rdf:Description>")
        if archival { lines += Self.extensionSchema }
        lines += ["</rdf:RDF>", "</x:xmpmeta>"]
        // Room to edit the packet in place, as XMP writers leave.
        lines += Array(repeating: String(repeating: " ", count: 99), count: 20)
        lines.append("<?xpacket end=\"r\"?>")
        return Array(lines.joined(separator: "\n").utf8)
    }

    /// Declares pdfuaid:part for PDF/A validators (ISO 19005-2, 6.6.2.3.3).
    private static let extensionSchema = [
        "<rdf:Description rdf:about=\"\" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\""
            + " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">",
        "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">",
        "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>",
        "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>",
        "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>",
        "<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">",
        "<pdfaProperty:name>part</pdfaProperty:name>",
        "<pdfaProperty:valueType>Integer</pdfaProperty:valueType>",
        "<pdfaProperty:category>internal</pdfaProperty:category>",
        "<pdfaProperty:description>The part of ISO 14289 (PDF/UA) that the file follows</pdfaProperty:description>",
        "</rdf:li></rdf:Seq></pdfaSchema:property>",
        "</rdf:li></rdf:Bag></pdfaExtension:schemas>",
        "</rdf:Description>",
    ]

    private func escape(_ text: String) -> String { XMLText.escape(text) }
}
