import CQPDF
import PDFFinishing

/// The terminal fields of a PDF's /AcroForm, read with qpdf: names, kinds, flags, options,
/// on-states and widgets, with the inheritable entries (/FT, /Ff, /DA, /MaxLen) taken from the
/// parents as viewers do.
struct FieldTree {
    /// A field and the objects that carry it in one opened document (for setting its value).
    struct Node {
        var info: FormFieldInfo
        /// The field dictionary (the one with /T, /V).
        var field: qpdf_oh
        /// Its widget annotations, in the order of `info.widgets`.
        var widgets: [qpdf_oh]
        /// Each widget's on-state (check boxes and radio buttons), nil when it has none.
        var onStates: [String?]
    }

    /// Field flags (/Ff), PDF 32000-1 §12.7.3.1 and tables 226, 228, 230.
    enum Flag {
        static let readOnly = 1 << 0
        static let multiline = 1 << 12
        static let radio = 1 << 15
        static let pushButton = 1 << 16
        static let combo = 1 << 17
        static let comb = 1 << 24
    }

    /// Deeper nesting than this is refused as hostile (USCIS forms nest 3 or 4 levels).
    static let maximumDepth = 64
    /// More fields and widgets than this are refused as hostile (the longest USCIS forms have about 1,500).
    static let maximumNodes = 100_000

    private(set) var nodes: [Node] = []
    let hasXFA: Bool
    /// The /AcroForm dictionary.
    let acroForm: qpdf_oh

    private struct Inherited {
        var type: String?
        var flags = 0
        var appearance: String?
        var maxLength: Int?
    }

    /// Reads the fields of `document`; `name` is the file's name for messages.
    init(_ document: QPDFDocument, name: String) throws(FormPDFError) {
        guard let acroForm = document.value(document.root, "AcroForm"), document.isDictionary(acroForm) else {
            throw FormPDFError(.noForm, "\(name) has no form fields (no /AcroForm); it is not a fillable form, or it was printed to PDF, which drops the fields; download the blank form again")
        }
        self.acroForm = acroForm
        hasXFA = document.value(acroForm, "XFA") != nil
        var pages: [Int32: Int] = [:]
        for index in 0..<document.pageCount {
            for annotation in document.items(document.value(document.page(index), "Annots")) {
                let id = document.objectID(annotation)
                if id != 0, pages[id] == nil { pages[id] = index + 1 }
            }
        }
        var reader = Reader(document: document, pages: pages)
        let inherited = Inherited(appearance: document.text(document.value(acroForm, "DA")))
        for field in document.items(document.value(acroForm, "Fields")) where document.isDictionary(field) {
            try reader.walk(field, parentName: nil, inherited: inherited, depth: 0, name: name)
        }
        nodes = reader.nodes
        guard !nodes.isEmpty else {
            throw FormPDFError(.noForm, "\(name) has a form without fields; it is not a fillable form, or it was flattened; download the blank form again")
        }
    }

    private struct Reader {
        let document: QPDFDocument
        let pages: [Int32: Int]
        var nodes: [Node] = []
        var visited: Set<Int32> = []
        var count = 0

        mutating func walk(_ node: qpdf_oh, parentName: String?, inherited: Inherited, depth: Int, name: String) throws(FormPDFError) {
            count += 1
            guard depth <= FieldTree.maximumDepth, count <= FieldTree.maximumNodes else {
                throw FormPDFError(.damaged, "\(name) has a field tree too deep or too large to be a form (over \(FieldTree.maximumDepth) levels or \(FieldTree.maximumNodes) fields); download the blank form again")
            }
            let id = document.objectID(node)
            if id != 0 {
                guard visited.insert(id).inserted else { return }  // a loop in /Kids, or a field listed twice
            }
            let partial = document.text(document.value(node, "T"))
            let fullName = partial.map { partial in parentName.map { "\($0).\(partial)" } ?? partial } ?? parentName
            var own = inherited
            if let type = document.name(document.value(node, "FT")) { own.type = type }
            if let flags = document.integer(document.value(node, "Ff")) { own.flags = flags }
            if let appearance = document.text(document.value(node, "DA")) { own.appearance = appearance }
            if let maxLength = document.integer(document.value(node, "MaxLen")) { own.maxLength = maxLength }

            let kids = document.items(document.value(node, "Kids")).filter(document.isDictionary)
            let fieldKids = kids.filter { document.value($0, "T") != nil }
            for kid in fieldKids {
                try walk(kid, parentName: fullName, inherited: own, depth: depth + 1, name: name)
            }
            guard fieldKids.isEmpty, let type = own.type, let fullName, let kind = Self.kind(type, flags: own.flags) else { return }
            let widgets = kids.isEmpty ? [node] : kids
            for widget in widgets where widget != node {
                let id = document.objectID(widget)
                if id != 0 { visited.insert(id) }
            }
            count += widgets.count
            nodes.append(terminal(node, name: fullName, kind: kind, inherited: own, widgets: widgets))
        }

        static func kind(_ type: String, flags: Int) -> FormFieldKind? {
            switch type {
            case "Tx": return .text
            case "Btn": return flags & Flag.pushButton != 0 ? .pushButton : flags & Flag.radio != 0 ? .radio : .checkBox
            case "Ch": return flags & Flag.combo != 0 ? .comboBox : .listBox
            case "Sig": return .signature
            default: return nil
            }
        }

        func terminal(_ node: qpdf_oh, name: String, kind: FormFieldKind, inherited: Inherited, widgets: [qpdf_oh]) -> Node {
            var info = FormFieldInfo(name: name, kind: kind)
            info.isReadOnly = inherited.flags & Flag.readOnly != 0
            if kind == .text {
                info.maxLength = inherited.maxLength.flatMap { $0 > 0 ? $0 : nil }
                info.isMultiline = inherited.flags & Flag.multiline != 0
                info.isComb = inherited.flags & Flag.comb != 0 && info.maxLength != nil && !info.isMultiline
            }
            var onStates: [String?] = []
            for widget in widgets {
                // A widget's own /DA wins over its field's.
                let appearance = document.text(document.value(widget, "DA")) ?? inherited.appearance
                if info.fontSize == nil, let appearance { info.fontSize = Self.fontSize(appearance) }
                info.widgets.append(self.widget(widget))
                let states = document.keys(document.value(document.value(widget, "AP") ?? widget, "N")).filter { $0 != "Off" }
                onStates.append(kind == .checkBox || kind == .radio ? states.first : nil)
            }
            switch kind {
            case .checkBox, .radio:
                for case let state? in onStates where !info.options.contains(state) { info.options.append(state) }
            case .comboBox, .listBox:
                info.options = document.items(document.value(node, "Opt")).compactMap { option in
                    document.text(option) ?? document.text(document.items(option).first)
                }
            default:
                break
            }
            return Node(info: info, field: node, widgets: widgets, onStates: onStates)
        }

        func widget(_ widget: qpdf_oh) -> FormWidget {
            let rect = document.items(document.value(widget, "Rect")).compactMap(document.number)
            var page = pages[document.objectID(widget)] ?? 0
            if page == 0, let owner = document.value(widget, "P") {
                let index = qpdf_find_page_by_oh(document.data, owner)
                _ = document.takeError()
                page = index >= 0 ? Int(index) + 1 : 0
            }
            guard rect.count == 4 else { return FormWidget(page: page, x: 0, y: 0, width: 0, height: 0) }
            return FormWidget(
                page: page, x: min(rect[0], rect[2]), y: min(rect[1], rect[3]), width: abs(rect[2] - rect[0]), height: abs(rect[3] - rect[1]))
        }

        /// The size before `Tf` in a /DA string ("/Helv 10 Tf 0 g" → 10); nil for 0 (auto-size).
        static func fontSize(_ appearance: String) -> Double? {
            let tokens = appearance.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" })
            guard let index = tokens.firstIndex(of: "Tf"), index > tokens.startIndex,
                let size = Double(tokens[tokens.index(before: index)]), size > 0, size.isFinite
            else { return nil }
            return size
        }
    }
}
