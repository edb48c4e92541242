import CQPDF
import PDFFinishing
import WriterPDF

/// Fills a blank form with values.
public enum FormFiller {
    /// How to fill.
    public struct Options: Sendable {
        /// Print the fields into the pages' content, leaving no fields (`--flatten`).
        public var flatten: Bool
        /// A PDF whose pages are appended after the form's (the continuation addendum).
        public var addendum: [UInt8]?
        /// The date (yyyy-mm-dd) recorded as a flattened copy's creation and modification date;
        /// a filled form keeps the blank's document information and gets no date.
        public var date: String
        /// A flattened copy's title (the form template's), in its metadata and its pages'
        /// alternative text; the blank's file name when nil.
        public var title: String?
        /// A flattened copy as PDF/A-2b.
        public var archival: Bool

        public init(flatten: Bool = false, addendum: [UInt8]? = nil, date: String = "2000-01-01", title: String? = nil, archival: Bool = false) {
            self.archival = archival
            self.flatten = flatten
            self.addendum = addendum
            self.date = date
            self.title = title
        }
    }

    /// Fills `blank` with `values` (by fully qualified field name) with an appearance for every
    /// filled field, removes the XFA, appends the addendum and flattens when asked. The bytes are the same
    /// for the same input; no case value goes into the document information or XMP.
    ///
    /// A value for a field the blank lacks, an option the field lacks, a text longer than the
    /// field's MaxLen, or a text with characters the form's font cannot print (`fits` is false
    /// for both) is an error naming the field: the caller moves such text to the addendum first.
    public static func fill(_ blank: BlankForm, values: [String: FormValue], options: Options = Options()) throws(FormPDFError) -> [UInt8] {
        for (name, value) in values.sorted(by: { $0.key < $1.key }) {
            try check(value, for: name, in: blank)
        }
        // 1. qpdf: the blank without its XFA (viewers that honour XFA would show the blank's
        //    XFA form, not our values), check boxes and radio buttons set by their on-states.
        let blankDocument = try QPDFDocument.form(blank.bytes, name: blank.name)
        let tree = try FieldTree(blankDocument, name: blank.name)
        blankDocument.remove(tree.acroForm, "XFA")
        for node in tree.nodes {
            switch values[node.info.name] {
            case .checked(let on)?: setState(on ? node.onStates.compactMap { $0 }.first : nil, of: node, in: blankDocument)
            case .option(let state)? where node.info.kind == .radio: setState(state, of: node, in: blankDocument)
            default: break
            }
        }
        var bytes = try blankDocument.writeForm(name: blank.name)

        // 2. poppler: text and choices, with new appearance streams.
        let popplerValues = values.filter { name, value in
            guard let kind = blank.field(named: name)?.kind else { return false }
            return kind == .text || kind == .comboBox || kind == .listBox
        }
        if !popplerValues.isEmpty {
            let form = try PopplerForm(bytes: bytes, name: blank.name)
            form.set(popplerValues) { name, option in blank.field(named: name)?.options.firstIndex(of: option) }
            bytes = try form.save()
        }

        // 3. qpdf: the addendum's pages, a fresh /ID from the content, and no trace of the
        //    changes' dates. /NeedAppearances is not set: every filled field has its appearance
        //    (poppler drew the text and choices, the blank has its check marks), and with the
        //    flag poppler-based viewers redraw check boxes from their /MK caption in ZapfDingbats,
        //    which few systems have, and show them empty.
        let filled = try QPDFDocument.form(bytes, name: blank.name)
        // poppler stamps every widget it redraws with the time of day (/M): without it, the same
        // input gives the same bytes in another second.
        for node in try FieldTree(filled, name: blank.name).nodes {
            for widget in node.widgets { filled.remove(widget, "M") }
        }
        if let acroForm = filled.value(filled.root, "AcroForm") { filled.remove(acroForm, "XFA") }
        if let addendum = options.addendum {
            let pages = try QPDFDocument.form(addendum, name: "the addendum")
            do { try filled.appendPages(of: pages) } catch { throw FormPDFError(error, name: blank.name) }
            bytes = try withExtendedLifetime(pages) { () throws(FormPDFError) in try filled.writeForm(name: blank.name) }
        } else {
            bytes = try filled.writeForm(name: blank.name)
        }
        guard options.flatten else { return bytes }

        // 4. Flattened: every page printed by poppler onto a new PDF (the packet's exhibit code).
        do {
            let file = try ExhibitFile(bytes: bytes)
            return try PDFWriter().flatCopy(of: file, title: options.title ?? blank.name, options: PDFWriter.Options(date: options.date, archival: options.archival))
        } catch let error as ExhibitFile.OpenError {
            throw FormPDFError(.failed, "cannot flatten the filled \(blank.name): it \(error)")
        } catch {
            throw FormPDFError(.failed, "cannot flatten the filled \(blank.name): \(error)")
        }
    }

    /// Refuses a value the field cannot take. Messages name the field, never the value.
    private static func check(_ value: FormValue, for name: String, in blank: BlankForm) throws(FormPDFError) {
        guard let field = blank.field(named: name) else {
            throw FormPDFError(.unknownField, "\(blank.name) has no field \(name); run `engross form-fields \(blank.name)` to list its fields, and correct the template")
        }
        let fits: Bool
        switch (value, field.kind) {
        case (.text, .text), (.checked, .checkBox), (.option, .radio), (.option, .comboBox), (.option, .listBox): fits = true
        default: fits = false
        }
        guard fits else {
            throw FormPDFError(.wrongKind, "the field \(name) of \(blank.name) is a \(field.kind.rawValue) field and cannot take \(Self.describe(value))")
        }
        switch value {
        case .text(let text):
            if let maxLength = field.maxLength, text.count > maxLength {
                throw FormPDFError(.tooLong, "the value for the field \(name) of \(blank.name) is longer than its \(maxLength) characters; put it on the addendum")
            }
            guard TextFit.printable(text) else {
                throw FormPDFError(.unprintable, "the value for the field \(name) of \(blank.name) has characters the form's font cannot print (it has Western European letters only); put it on the addendum")
            }
        case .checked(let on):
            if on, field.options.isEmpty {
                throw FormPDFError(.unknownOption, "the check box \(name) of \(blank.name) has no appearance for \"checked\"; the blank form is damaged")
            }
        case .option(let option):
            guard field.options.contains(option) else {
                throw FormPDFError(.unknownOption, "the field \(name) of \(blank.name) has no option for the value given; its options are \(field.options.joined(separator: ", "))")
            }
        }
    }

    private static func describe(_ value: FormValue) -> String {
        switch value {
        case .text: return "text"
        case .checked: return "a check"
        case .option: return "an option"
        }
    }

    /// Sets a check box's or radio group's value (/V) and each widget's appearance state (/AS):
    /// the widget whose on-state is `state` shows it, the others show Off; nil turns all off.
    private static func setState(_ state: String?, of node: FieldTree.Node, in document: QPDFDocument) {
        document.set(node.field, "V", document.makeName(state ?? "Off"))
        for (widget, onState) in zip(node.widgets, node.onStates) {
            document.set(widget, "AS", document.makeName(state != nil && onState == state ? state! : "Off"))
        }
    }
}
