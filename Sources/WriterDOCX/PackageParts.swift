import DocumentModel
import TextSafety

/// The fixed and nearly fixed parts of a WordprocessingML package.
enum PackageParts {
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static let contentTypes = declaration + """
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
        <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
        <Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>\
        <Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>\
        <Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>\
        <Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>\
        <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
        <Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>\
        <Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>\
        </Types>
        """

    static let packageRelationships = declaration + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
        <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>\
        <Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>\
        </Relationships>
        """

    static let documentRelationships = declaration + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>\
        <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>\
        <Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>\
        <Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>\
        </Relationships>
        """

    static let settings = declaration + """
        <w:settings xmlns:w="\(wordNamespace)">\
        <w:defaultTabStop w:val="720"/>\
        <w:characterSpacingControl w:val="doNotCompress"/>\
        <w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>\
        </w:settings>
        """

    /// The header: the document's marking (e.g. CONFIDENTIAL) on every page, if it has one.
    static func header(marking: String?) -> String {
        let content = marking.map { "<w:r><w:t xml:space=\"preserve\">\(XMLText.escape($0))</w:t></w:r>" } ?? ""
        return declaration + "<w:hdr xmlns:w=\"\(wordNamespace)\"><w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr>\(content)</w:p></w:hdr>"
    }

    /// The footer: "Page N of M", with both numbers as fields Word keeps up to date.
    static let footer = footer(pages: "NUMPAGES")

    /// The footer of a combined file: "Page N", N restarting with each document. (SECTIONPAGES
    /// would give each document's total, but LibreOffice shows it wrong: "Page 2 of 1".)
    static let sectionFooter = footer(pages: nil)

    private static func footer(pages: String?) -> String {
        func field(_ instruction: String) -> String {
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> \(instruction) </w:instrText></w:r>"
                + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        }
        return declaration + "<w:ftr xmlns:w=\"\(wordNamespace)\"><w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>"
            + "<w:r><w:t xml:space=\"preserve\">Page </w:t></w:r>" + field("PAGE")
            + (pages.map { "<w:r><w:t xml:space=\"preserve\"> of </w:t></w:r>" + field($0) } ?? "") + "</w:p></w:ftr>"
    }

    /// Core properties: title and subject from the template, never a value from the case file.
    /// No dates, so that the same input always gives the same bytes.
    static func core(_ metadata: Metadata) -> String {
        declaration + """
            <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
            xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
            <dc:title>\(XMLText.escape(metadata.title))</dc:title>\
            <dc:subject>\(XMLText.escape(metadata.authority ?? metadata.kind))</dc:subject>\
            <dc:creator>Engross</dc:creator>\
            <cp:keywords>\(XMLText.escape("\(metadata.templateID) \(metadata.templateVersion)"))</cp:keywords>\
            <dc:description>\(XMLText.escape("Made from the Engross template \(metadata.templateID), version \(metadata.templateVersion). A drafting aid for an attorney to review."))</dc:description>\
            <cp:lastModifiedBy>Engross</cp:lastModifiedBy>\
            </cp:coreProperties>
            """
    }

    static let app = declaration + """
        <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">\
        <Application>Engross</Application><DocSecurity>0</DocSecurity></Properties>
        """

    /// Custom properties naming the template, so a document can be traced to what made it.
    static func custom(_ metadata: Metadata) -> String {
        func property(_ id: Int, _ name: String, _ value: String) -> String {
            "<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"\(id)\" name=\"\(name)\">"
                + "<vt:lpwstr>\(XMLText.escape(value))</vt:lpwstr></property>"
        }
        return declaration + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" "
            + "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
            + property(2, "EngrossTemplateID", metadata.templateID)
            + property(3, "EngrossTemplateVersion", metadata.templateVersion)
            + "</Properties>"
    }
}
