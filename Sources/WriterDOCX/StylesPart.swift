import DocumentModel
import Foundation
import TextSafety

/// word/styles.xml: the named styles a lawyer expects to restyle (Title, Heading 1–3, Body Text,
/// List Number, Quote, Signature, Caption, …) so that runs carry no direct formatting.
enum StylesPart {
    private static let cache = PartCache<String>()

    /// The styles part for `page`; made once per distinct page setup.
    static func xml(for page: PageSetup) -> FixedPart {
        cache.part(for: "\(page.fontFamily)|\(page.fontSize)|\(page.lineSpacing.rawValue)") { make(page) }
    }

    private static func make(_ page: PageSetup) -> String {
        let font = XMLText.escape(page.fontFamily)
        let size = Int((page.fontSize * 2).rounded())
        let line = Int((240 * page.lineSpacing.factor).rounded())
        let small = Int((page.runningFontSize * 2).rounded())  // the running header and footer
        func style(_ id: String, _ name: String, basedOn: String? = "Normal", next: String? = nil, paragraph: String = "",
            run: String = "", extra: String = "") -> String
        {
            "<w:style w:type=\"paragraph\" w:styleId=\"\(id)\"><w:name w:val=\"\(name)\"/>"
                + (basedOn.map { "<w:basedOn w:val=\"\($0)\"/>" } ?? "") + (next.map { "<w:next w:val=\"\($0)\"/>" } ?? "")
                + extra + "<w:qFormat/>"
                + (paragraph.isEmpty ? "" : "<w:pPr>\(paragraph)</w:pPr>") + (run.isEmpty ? "" : "<w:rPr>\(run)</w:rPr>")
                + "</w:style>"
        }
        let body = "<w:spacing w:after=\"240\" w:line=\"\(line)\" w:lineRule=\"auto\"/>"
        let tight = "<w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>"
        return PackageParts.declaration + "<w:styles xmlns:w=\"\(PackageParts.wordNamespace)\">"
            + "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"\(font)\" w:hAnsi=\"\(font)\" w:eastAsia=\"\(font)\" w:cs=\"\(font)\"/>"
            + "<w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/><w:lang w:val=\"en-US\"/></w:rPr></w:rPrDefault>"
            + "<w:pPrDefault><w:pPr><w:widowControl/><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
            + "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
            + style("Title", "Title", next: "BodyText", paragraph: "<w:keepNext/><w:spacing w:after=\"240\"/><w:jc w:val=\"center\"/>",
                run: "<w:b/><w:caps/>")
            + style("Heading1", "heading 1", next: "BodyText",
                paragraph: "<w:keepNext/><w:keepLines/><w:spacing w:before=\"240\" w:after=\"240\"/><w:outlineLvl w:val=\"0\"/>",
                run: "<w:b/><w:caps/>")
            + style("Heading2", "heading 2", next: "BodyText",
                paragraph: "<w:keepNext/><w:keepLines/><w:spacing w:before=\"240\" w:after=\"120\"/><w:outlineLvl w:val=\"1\"/>", run: "<w:b/>")
            + style("Heading3", "heading 3", next: "BodyText",
                paragraph: "<w:keepNext/><w:keepLines/><w:spacing w:before=\"120\" w:after=\"120\"/><w:outlineLvl w:val=\"2\"/>",
                run: "<w:b/><w:i/>")
            + style("BodyText", "Body Text", paragraph: body)
            + style("NumberedParagraph", "Numbered Paragraph", basedOn: "BodyText",
                paragraph: "<w:numPr><w:numId w:val=\"\(BodyBuilder.numberedParagraphsNumID)\"/></w:numPr>")
            + style("ListNumber", "List Number", basedOn: "BodyText", paragraph: "<w:numPr><w:numId w:val=\"\(BodyBuilder.firstOrderedListNumID)\"/></w:numPr>")
            + style("ListBullet", "List Bullet", basedOn: "BodyText", paragraph: "<w:numPr><w:numId w:val=\"\(BodyBuilder.bulletNumID)\"/></w:numPr>")
            + style("Quote", "Quote", basedOn: "BodyText", paragraph: "<w:ind w:left=\"720\" w:right=\"720\"/>")
            + style("Letterhead", "Letterhead", paragraph: tight + "<w:jc w:val=\"center\"/>")
            + style("Caption", "caption", paragraph: tight)
            + style("CaptionCourt", "Caption Court", basedOn: "Caption", paragraph: "<w:keepNext/><w:spacing w:after=\"240\"/><w:jc w:val=\"center\"/>",
                run: "<w:b/><w:caps/>")
            + style("CaptionTitle", "Caption Title", basedOn: "Caption", paragraph: "<w:spacing w:before=\"240\" w:after=\"240\"/><w:jc w:val=\"center\"/>",
                run: "<w:b/><w:caps/>")
            + style("Signature", "Signature", paragraph: "<w:keepLines/>" + tight)
            + style("TableText", "Table Text", paragraph: tight)
            + style("TableSpacer", "Table Spacer", paragraph: "<w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>", run: "<w:sz w:val=\"8\"/>")
            + style("Header", "header", paragraph: tight + "<w:jc w:val=\"center\"/>", run: "<w:b/><w:sz w:val=\"\(small)\"/>")
            + style("Footer", "footer", paragraph: tight + "<w:jc w:val=\"center\"/>", run: "<w:sz w:val=\"\(small)\"/>")
            + "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>"
            + "<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
            + "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:basedOn w:val=\"TableNormal\"/><w:tblPr><w:tblBorders>"
            + ["top", "left", "bottom", "right", "insideH", "insideV"].map { "<w:\($0) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>" }.joined()
            + "</w:tblBorders></w:tblPr></w:style>"
            + "</w:styles>"
    }
}
