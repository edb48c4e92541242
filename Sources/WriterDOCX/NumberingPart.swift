/// word/numbering.xml: real Word numbering, so that Word renumbers when a paragraph is added.
///
/// - numId 1: the declaration's numbered paragraphs, one counter through the document ("1.").
/// - numId 2: bullets.
/// - numId 3…: one instance per ordered list, each restarting at 1.
enum NumberingPart {
    /// - Parameter documents: how many documents the package holds; each after the first gets its
    ///   own instance for numbered paragraphs, restarting at 1.
    static func xml(orderedLists: Int, documents: Int = 1) -> FixedPart {
        cache.part(for: [orderedLists, documents]) { make(orderedLists: orderedLists, documents: documents) }
    }

    private static let cache = PartCache<[Int]>()

    private static func make(orderedLists: Int, documents: Int) -> String {
        func level(_ format: String, _ text: String, left: Int, hanging: Int, font: String? = nil) -> String {
            "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"\(format)\"/><w:lvlText w:val=\"\(text)\"/><w:lvlJc w:val=\"left\"/>"
                + "<w:pPr><w:ind w:left=\"\(left)\" w:hanging=\"\(hanging)\"/></w:pPr>"
                + (font.map { "<w:rPr><w:rFonts w:ascii=\"\($0)\" w:hAnsi=\"\($0)\" w:hint=\"default\"/></w:rPr>" } ?? "")
                + "</w:lvl>"
        }
        var xml = PackageParts.declaration + "<w:numbering xmlns:w=\"\(PackageParts.wordNamespace)\">"
        xml += "<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"singleLevel\"/>" + level("decimal", "%1.", left: 720, hanging: 720) + "</w:abstractNum>"
        xml += "<w:abstractNum w:abstractNumId=\"1\"><w:multiLevelType w:val=\"singleLevel\"/>" + level("bullet", "•", left: 720, hanging: 360) + "</w:abstractNum>"
        xml += "<w:abstractNum w:abstractNumId=\"2\"><w:multiLevelType w:val=\"singleLevel\"/>" + level("decimal", "%1.", left: 720, hanging: 360) + "</w:abstractNum>"
        xml += "<w:num w:numId=\"\(BodyBuilder.numberedParagraphsNumID)\"><w:abstractNumId w:val=\"0\"/></w:num>"
        xml += "<w:num w:numId=\"\(BodyBuilder.bulletNumID)\"><w:abstractNumId w:val=\"1\"/></w:num>"
        for document in 1..<max(documents, 1) {
            xml += "<w:num w:numId=\"\(BodyBuilder.firstCombinedNumberedNumID + document)\"><w:abstractNumId w:val=\"0\"/>"
                + "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>"
        }
        for index in 0..<max(orderedLists, 1) {
            xml += "<w:num w:numId=\"\(BodyBuilder.firstOrderedListNumID + index)\"><w:abstractNumId w:val=\"2\"/>"
                + "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>"
        }
        return xml + "</w:numbering>"
    }
}
