import DocumentModel

/// Live paragraph citations: a bookmark on each numbered paragraph that a citation of the same
/// document points at, and each number of the citation a REF field to that bookmark.
///
/// `REF name \r \h` shows the bookmarked paragraph's number as its list numbers it, without the
/// list's trailing full stop ("12", not "12."), so when an attorney adds a paragraph in Word or
/// LibreOffice and updates fields, "¶ 12" becomes "¶ 13". The field's cached result is the
/// number Engross computed, so the document reads right before any update. Citations of another
/// document or of exhibits carry no paragraph numbers (`Inline.reference`) and stay text.
struct CrossReferences {
    /// The numbers of the document's numbered paragraphs that its citations point at.
    let cited: Set<Int>
    /// The start of every bookmark name of this document of the file.
    let prefix: String

    /// The cross-references of `blocks`, document `documentIndex` of the file (a combined file
    /// holds several documents, each numbering its paragraphs from 1).
    init(blocks: [Block], documentIndex: Int) {
        var present = Set<Int>()
        for case .numbered(let number, _) in blocks { present.insert(number) }
        var cited = Set<Int>()
        func collect(_ inline: Inline) -> Inline {
            if case .reference(_, _, let paragraphs) = inline { cited.formUnion(paragraphs) }
            return inline
        }
        // A letter numbers no paragraph: nothing to look for (a batch writes thousands of them).
        if !present.isEmpty {
            for block in blocks { _ = block.mapInlines { $0.mapDeep(collect) } }
        }
        // A citation of a number no paragraph has stays text: a REF to a missing bookmark would
        // read "Error! Reference source not found." after an update.
        self.cited = cited.intersection(present)
        // "_Ref" as Word names the bookmarks of its own cross-references: Word keeps names that
        // start with "_" out of its Bookmark dialog, so they do not clutter the attorney's list.
        prefix = documentIndex == 0 ? "_RefP" : "_RefD\(documentIndex + 1)P"
    }

    /// The bookmark on numbered paragraph `number`, or nil when no citation points at it.
    func bookmark(_ number: Int) -> String? {
        cited.contains(number) ? prefix + String(number) : nil
    }

    /// A piece of a citation's text: plain text, or a paragraph number to write as a field.
    enum Piece: Equatable {
        case text(String)
        case number(Int)
    }

    /// `text` cut into text and the numbers of `paragraphs` it shows, in order. A run of digits
    /// is a field only when it is the next of `paragraphs` and that paragraph is bookmarked.
    func pieces(of text: String, paragraphs: [Int]) -> [Piece] {
        var pieces: [Piece] = []
        var pending = ""
        var digits = ""
        var next = 0
        func endDigits() {
            guard !digits.isEmpty else { return }
            if next < paragraphs.count, Int(digits) == paragraphs[next], cited.contains(paragraphs[next]) {
                if !pending.isEmpty { pieces.append(.text(pending)) }
                pending = ""
                pieces.append(.number(paragraphs[next]))
                next += 1
            } else {
                pending += digits
            }
            digits = ""
        }
        for scalar in text.unicodeScalars {
            if (0x30...0x39).contains(scalar.value) {
                digits.unicodeScalars.append(scalar)
            } else {
                endDigits()
                pending.unicodeScalars.append(scalar)
            }
        }
        endDigits()
        if !pending.isEmpty { pieces.append(.text(pending)) }
        return pieces
    }

    /// A complex field `REF bookmark \r \h` whose cached result is `number`, its runs formatted
    /// by `runProperties` (a `w:rPr` element, or empty).
    func field(_ number: Int, runProperties: String) -> String {
        let run = "<w:r>" + runProperties
        return run + "<w:fldChar w:fldCharType=\"begin\"/></w:r>"
            + run + "<w:instrText xml:space=\"preserve\"> REF \(prefix)\(number) \\r \\h </w:instrText></w:r>"
            + run + "<w:fldChar w:fldCharType=\"separate\"/></w:r>"
            + run + "<w:t>\(number)</w:t></w:r>"
            + run + "<w:fldChar w:fldCharType=\"end\"/></w:r>"
    }
}
