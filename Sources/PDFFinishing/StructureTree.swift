import CQPDF

/// A PDF's logical structure as cairo wrote it, read into memory, reshaped, and written back:
/// elements tagged as artifacts become artifacts, an element that a page break split in two is
/// joined again, figures get their alternative text, and header cells their scope.
final class StructureNode {
    var type: String
    var alternateText: String?
    var kids: [StructureKid] = []

    init(type: String) { self.type = type }
}

/// What a structure element holds: another element, or marked content on a page.
enum StructureKid {
    case element(StructureNode)
    case content(page: Int, identifier: Int)
}

/// Reads and writes structure trees with qpdf.
struct StructureTree {
    /// The tree cairo wrote: its root's elements. `pageIndex` maps a page object's number to the
    /// page's index. Reading stops at `maximumDepth`, far past any tree Engross draws.
    static func read(_ document: QPDFDocument, root: qpdf_oh, pageIndex: [Int32: Int]) -> [StructureNode] {
        document.items(document.value(root, "K")).compactMap { node($0, in: document, pageIndex: pageIndex, page: nil, depth: 0) }
    }

    static let maximumDepth = 64

    private static func node(_ object: qpdf_oh, in document: QPDFDocument, pageIndex: [Int32: Int], page: Int?, depth: Int) -> StructureNode? {
        guard depth < maximumDepth, document.isDictionary(object), let type = document.name(document.value(object, "S")) else { return nil }
        let node = StructureNode(type: type)
        let ownPage = document.value(object, "Pg").flatMap { pageIndex[document.objectID($0)] } ?? page
        for kid in document.items(document.value(object, "K")) {
            if let identifier = document.integer(kid) {
                if let ownPage { node.kids.append(.content(page: ownPage, identifier: identifier)) }
            } else if document.name(document.value(kid, "Type")) == "MCR" {
                let kidPage = document.value(kid, "Pg").flatMap { pageIndex[document.objectID($0)] } ?? ownPage
                if let kidPage, let identifier = document.integer(document.value(kid, "MCID")) {
                    node.kids.append(.content(page: kidPage, identifier: identifier))
                }
            } else if let child = self.node(kid, in: document, pageIndex: pageIndex, page: ownPage, depth: depth + 1) {
                node.kids.append(.element(child))
            }
        }
        return node
    }

    /// Writes `elements` as the document's structure tree, replacing the one in the catalog.
    /// `identifiers` gives each content's new marked-content id on its page; `pages` are the page
    /// objects. Each page's /StructParents is its index.
    static func write(
        _ elements: [StructureNode], to document: QPDFDocument, pages: [qpdf_oh], identifiers: [PageContent: Int]
    ) {
        let root = document.makeIndirect(document.parse("<< /Type /StructTreeRoot >>"))
        var parents = Array(repeating: [(Int, qpdf_oh)](), count: pages.count)
        func write(_ node: StructureNode, parent: qpdf_oh) -> qpdf_oh {
            let element = document.makeIndirect(document.parse("<< /Type /StructElem >>"))
            document.set(element, "S", document.makeName(node.type))
            document.set(element, "P", parent)
            if let alternateText = node.alternateText { document.set(element, "Alt", document.makeText(alternateText)) }
            if node.type == "TH" { document.set(element, "A", document.parse("<< /O /Table /Scope /Column >>")) }
            var kids: [qpdf_oh] = []
            for kid in node.kids {
                switch kid {
                case .element(let child):
                    kids.append(write(child, parent: element))
                case .content(let page, let identifier):
                    guard let number = identifiers[PageContent(page: page, identifier: identifier)] else { continue }
                    let reference = document.parse("<< /Type /MCR /MCID \(number) >>")
                    document.set(reference, "Pg", pages[page])
                    kids.append(reference)
                    parents[page].append((number, element))
                }
            }
            document.set(element, "K", document.makeArray(kids))
            return element
        }
        document.set(root, "K", document.makeArray(elements.map { write($0, parent: root) }))
        var numbers: [qpdf_oh] = []
        for (index, page) in pages.enumerated() {
            document.set(page, "StructParents", document.makeInteger(index))
            let owners = parents[index].sorted { $0.0 < $1.0 }.map(\.1)
            numbers += [document.makeInteger(index), document.makeArray(owners)]
        }
        let parentTree = document.makeIndirect(document.parse("<< >>"))
        document.set(parentTree, "Nums", document.makeArray(numbers))
        document.set(root, "ParentTree", parentTree)
        document.set(root, "ParentTreeNextKey", document.makeInteger(pages.count))
        document.set(document.root, "StructTreeRoot", root)
    }
}

/// Marked content: its page's index and its id there.
struct PageContent: Hashable {
    var page: Int
    var identifier: Int
}

extension StructureTree {
    /// How many elements the tree holds, not counting those of type `artifactType` (for messages).
    static func count(_ elements: [StructureNode], except artifactType: String) -> Int {
        elements.reduce(0) { total, node in
            let kids = node.kids.compactMap { kid -> StructureNode? in if case .element(let child) = kid { return child } else { return nil } }
            return total + (node.type == artifactType ? 0 : 1) + count(kids, except: artifactType)
        }
    }

    /// Reshapes the elements cairo wrote, in the order their tags were begun, against `notes`
    /// (one per element that is not an artifact, in the same order): elements of `artifactType`
    /// are removed and their content returned as artifacts; an element noted as continuing is
    /// joined to the element of its type before it under the same parent; alternative text is set.
    /// Returns nil when the elements do not match the notes one for one.
    static func reshape(
        _ elements: [StructureNode], notes: [PDFFinisher.ElementNote], artifactType: String
    ) -> (elements: [StructureNode], artifacts: Set<PageContent>)? {
        var artifacts = Set<PageContent>()
        var next = 0
        var matched = true
        func collectArtifacts(_ node: StructureNode) {
            for kid in node.kids {
                switch kid {
                case .content(let page, let identifier): artifacts.insert(PageContent(page: page, identifier: identifier))
                case .element(let child): collectArtifacts(child)
                }
            }
        }
        func place(_ kids: [StructureKid], into target: StructureNode) {
            for kid in kids {
                guard case .element(let element) = kid else {
                    target.kids.append(kid)
                    continue
                }
                if element.type == artifactType {
                    collectArtifacts(element)
                    continue
                }
                guard next < notes.count else {
                    matched = false
                    return
                }
                let note = notes[next]
                next += 1
                if note.continues, let previous = target.kids.last, case .element(let joined) = previous, joined.type == element.type {
                    place(element.kids, into: joined)
                } else {
                    let copy = StructureNode(type: element.type)
                    copy.alternateText = note.alternateText
                    place(element.kids, into: copy)
                    target.kids.append(.element(copy))
                }
            }
        }
        let top = StructureNode(type: "")
        place(elements.map { .element($0) }, into: top)
        guard matched, next == notes.count else { return nil }
        return (top.kids.compactMap { if case .element(let node) = $0 { return node } else { return nil } }, artifacts)
    }
}
