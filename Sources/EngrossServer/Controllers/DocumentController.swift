import CaseData
import DocumentModel
import Engross
import Foundation
import Hummingbird
import Templating

/// One document of a case: its form, step by step, checked by the engine's own validation; its
/// preview; its downloads.
struct DocumentController {
    let app: WebApp

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/cases/:case/documents") { _, context in try await self.add(context) }
        router.get("/cases/:case/documents/:slot") { request, context in try await self.form(request, context) }
        router.post("/cases/:case/documents/:slot") { request, context in try await self.save(request, context) }
        router.post("/cases/:case/documents/:slot/draft") { request, context in try await self.draft(request, context) }
        router.post("/cases/:case/documents/:slot/delete") { _, context in try await self.remove(context) }
        router.get("/cases/:case/documents/:slot/preview.html") { request, context in try await self.preview(request, context) }
        router.get("/cases/:case/documents/:slot/document.pdf") { request, context in try await self.download(request, context, .pdf) }
        router.get("/cases/:case/documents/:slot/document.docx") { request, context in try await self.download(request, context, .docx) }
        router.get("/cases/:case/documents/:slot/data.json") { _, context in try await self.data(context) }
    }

    /// The case, the slot and its document, from the address.
    private func open(_ context: AppRequestContext) async throws -> Opened {
        let id = try context.parameters.require("case")
        guard let slot = DocumentSlot(try context.parameters.require("slot")) else {
            throw HTTPError(.notFound, message: "This case has no such document.")
        }
        let (record, data) = try await app.loadCase(id, context)
        let (kind, template, document) = try app.document(slot, in: data)
        return Opened(id: id, record: record, data: data, slot: slot, kind: kind, template: template, document: document,
            steps: app.steps[kind.templateID] ?? FormStep.steps(for: template.template))
    }

    struct Opened {
        var id: String
        var record: CaseRecord
        var data: CaseObject
        var slot: DocumentSlot
        var kind: DocumentKinds.Kind
        var template: PreparedTemplate
        var document: CaseObject
        var steps: [FormStep]
        /// Who reviewed the document, on a server with accounts (`WebApp.reviewValues`).
        var review: [String: Any] = [:]

        var base: String { "/cases/\(id)/documents/\(slot.name)" }
        var title: String { kind.each ? "\(kind.title) (\((slot.index ?? 0) + 1))" : kind.title }
        /// The step asked for: 1…steps.count are the form's, steps.count + 1 is the review.
        func step(_ request: Request) -> Int {
            let asked = request.uri.queryParameters["step"].flatMap { Int(String($0)) } ?? 1
            return min(max(asked, 1), steps.count + 1)
        }
    }

    // MARK: Adding and removing documents

    private func add(_ context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("case")
        let form = try WebApp.form(context)
        guard let kind = form.last("template").flatMap(app.kinds.kind(templateID:)) else {
            throw HTTPError(.badRequest, message: "Choose which document to add.")
        }
        var (_, data) = try await app.loadCase(id, context)
        let slot: DocumentSlot
        if kind.each {
            var items = data[kind.key]?.listValue ?? []
            guard items.count < FormDecoder.maximumItems else { throw HTTPError(.badRequest, message: "This case has too many of these documents.") }
            items.append(.object([]))
            data[kind.key] = .list(items)
            slot = DocumentSlot(key: kind.key, index: items.count - 1)
        } else {
            if data[kind.key] == nil { data[kind.key] = .object([]) }
            slot = DocumentSlot(key: kind.key, index: nil)
        }
        try await app.saveCase(id, data, context)
        return WebApp.redirect("/cases/\(id)/documents/\(slot.name)")
    }

    private func remove(_ context: AppRequestContext) async throws -> Response {
        let opened = try await open(context)
        try await app.saveCase(opened.id, WebApp.replacing(opened.slot, in: opened.data, with: nil), context)
        return WebApp.redirect("/cases/\(opened.id)")
    }

    // MARK: The form

    private func form(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        var opened = try await open(context)
        let step = opened.step(request)
        if step > opened.steps.count { opened.review = try await app.reviewValues(caseID: opened.id, slot: opened.slot.name, context) }
        let check = request.uri.queryParameters["check"] != nil
        return render(opened, step: step, check: check, redacted: request.uri.queryParameters["redact"] != nil)
    }

    /// The page of step `step`: its controls, or on the last step the review with the preview.
    func render(_ opened: Opened, step: Int, check: Bool, redacted: Bool = false, status: HTTPResponse.Status = .ok) -> Response {
        let value = CaseValue(.object(opened.document))
        let isReview = step > opened.steps.count
        // A form step also marks the fields whose `required-if` holds: found in the same walk.
        let found: [Diagnostic]
        var requiredNow: Set<String> = []
        if isReview {
            found = opened.template.validate(value, file: nil)
        } else {
            (found, requiredNow) = opened.template.validator.validateFindingRequired(value, file: nil)
        }
        let diagnostics = FormOrder.sorted(found, fields: opened.template.template.fields)
        let byPath = Dictionary(grouping: diagnostics, by: \.path)
        let errors = diagnostics.filter { $0.severity == .error }
        let steps = opened.steps.enumerated().map { index, formStep in
            StepList.Step(title: formStep.title, href: "\(opened.base)?step=\(index + 1)",
                problems: errors.filter { formStep.contains(path: $0.path) }.count)
        }
        var context: [String: Any] = [
            "caseID": opened.id, "caseTitle": opened.record.title, "documentTitle": opened.title,
            "templateTitle": opened.kind.title, "base": opened.base, "step": step, "stepCount": opened.steps.count + 1,
            "stepsHTML": StepList.html(steps + [StepList.Step(title: "Review and download",
                href: "\(opened.base)?step=\(opened.steps.count + 1)", problems: 0)], current: step),
            "isReview": isReview, "multiStep": opened.steps.count > 1, "redacted": redacted,
        ]
        if isReview {
            context["summaryHTML"] = ProblemSummary.html(diagnostics.map { diagnostic in
                let target = opened.steps.firstIndex { $0.contains(path: diagnostic.path) }.map { $0 + 1 } ?? 1
                return ProblemSummary.Problem(text: FormControls.sentence(diagnostic),
                    href: "\(opened.base)?step=\(target)&check=1#\(FormControls.inputID(diagnostic.path))", warning: diagnostic.severity == .warning)
            })
            context["hasSummary"] = !diagnostics.isEmpty
            context["valid"] = errors.isEmpty
            context["errorCount"] = errors.count == 1 ? "1 problem" : "\(errors.count) problems"
            context["review"] = opened.review
        } else {
            let formStep = opened.steps[step - 1]
            let controls = FormControls(diagnostics: byPath, requiredNow: requiredNow, showProblems: check)
            context["controlsHTML"] = controls.html(formStep.fields, in: opened.document, prefix: "")
            context["stepTitle"] = formStep.title
            // A step that is one group has its legend as its title.
            context["showStepTitle"] = !(formStep.fields.count == 1 && formStep.fields[0].type == .group)
            context["hasPrevious"] = step > 1
            context["isLastFormStep"] = step == opened.steps.count
            let shown = check ? diagnostics.filter { formStep.contains(path: $0.path) } : []
            context["summaryHTML"] = ProblemSummary.html(shown.map {
                ProblemSummary.Problem(text: FormControls.sentence($0), href: "#" + FormControls.inputID($0.path), warning: $0.severity == .warning)
            })
            context["hasSummary"] = !shown.isEmpty
        }
        return app.pages.response("document", app.page(opened.title, context), status: status)
    }

    /// Saves the step's fields (and applies a list button), then shows where the user asked to go.
    private func save(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        var opened = try await open(context)
        let step = opened.step(request)
        let form = try WebApp.form(context)
        guard step <= opened.steps.count else { return WebApp.redirect("\(opened.base)?step=\(step)") }
        var document = FormDecoder(form).merge(opened.steps[step - 1].fields, into: opened.document, order: opened.template.template.fields)
        let action = form.last("action") ?? "save"
        var anchor = ""
        var target = step
        var check = true
        switch action {
        case "next": target = step + 1; check = false
        case "previous": target = step - 1; check = false
        case "review": target = opened.steps.count + 1
        default:
            if let listAction = ListAction(action) {
                if let focus = listAction.apply(to: &document) { anchor = "#" + FormControls.inputID(focus.description) }
                check = false
            }
        }
        opened.data = WebApp.replacing(opened.slot, in: opened.data, with: document)
        try await app.saveCase(opened.id, opened.data, context)
        target = min(max(target, 1), opened.steps.count + 1)
        return WebApp.redirect("\(opened.base)?step=\(target)\(check ? "&check=1" : "")\(anchor)")
    }

    /// The script's round trip: saves the step as typed and answers with the diagnostics of
    /// `engross validate --json`, each with the control it belongs to, and the fields whose
    /// `required-if` holds now.
    private func draft(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        var opened = try await open(context)
        let step = opened.step(request)
        let form = try WebApp.form(context)
        guard step <= opened.steps.count else { throw HTTPError(.badRequest, message: "The review step has no form.") }
        let document = FormDecoder(form).merge(opened.steps[step - 1].fields, into: opened.document, order: opened.template.template.fields)
        opened.data = WebApp.replacing(opened.slot, in: opened.data, with: document)
        try await app.saveCase(opened.id, opened.data, context)
        let value = CaseValue(.object(document))
        let (diagnostics, required) = opened.template.validator.validateFindingRequired(value, file: nil)
        let formStep = opened.steps[step - 1]
        return WebApp.json(.object([
            ("valid", .bool(!diagnostics.contains { $0.severity == .error })),
            ("diagnostics", .list(diagnostics.map { diagnostic in
                var entries = diagnostic.json.objectValue ?? CaseObject()
                entries["input"] = .string(FormControls.inputID(diagnostic.path))
                entries["text"] = .string(FormControls.sentence(diagnostic))
                entries["shownHelp"] = FormControls.help(diagnostic).map(CaseValue.string) ?? .null
                entries["onThisStep"] = .bool(formStep.contains(path: diagnostic.path))
                return CaseValue(.object(entries))
            })),
            ("required", .list(required.sorted().map { .string(FormControls.inputID($0)) })),
            ("steps", .list(opened.steps.map { step in
                .number(Double(diagnostics.filter { $0.severity == .error && step.contains(path: $0.path) }.count))
            })),
        ]))
    }

    // MARK: Preview and downloads

    /// The document as HTML for the preview frame: a page of its own, with no script at all.
    private func preview(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let opened = try await open(context)
        let document = try renderable(opened, redact: request.uri.queryParameters["redact"] != nil)
        let bytes = try OutputFormat.html.write(document)
        return Response(status: .ok, headers: [
            .contentType: "text/html; charset=utf-8",
            .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'",
            .frameOptions: "SAMEORIGIN",
        ], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private func download(_ request: Request, _ context: AppRequestContext, _ format: OutputFormat) async throws -> Response {
        let opened = try await open(context)
        let redact = request.uri.queryParameters["redact"] != nil
        let document = try renderable(opened, redact: redact)
        let bytes = try format.write(document)
        let stem = opened.kind.templateID.split(separator: "/").last.map(String.init) ?? "document"
        let name = stem + (opened.slot.index.map { "-\($0 + 1)" } ?? "") + (redact ? "-redacted" : "")
        return WebApp.download(bytes, type: format.mediaType, fileName: "\(name).\(format.fileExtension)")
    }

    /// The document, when its data is valid; 409 with a plain reason when it is not.
    private func renderable(_ opened: Opened, redact: Bool) throws -> Document {
        let value = CaseValue(.object(opened.document))
        let errors = opened.template.validate(value, file: nil).filter { $0.severity == .error }.count
        guard errors == 0 else {
            throw HTTPError(.conflict, message: "This document has \(errors == 1 ? "1 problem" : "\(errors) problems") to fix before it can be made: see the review step.")
        }
        return opened.template.render(value, redact: redact)
    }

    /// The document's data alone: the case file `engross render` reads.
    private func data(_ context: AppRequestContext) async throws -> Response {
        let opened = try await open(context)
        let stem = opened.kind.templateID.split(separator: "/").last.map(String.init) ?? "document"
        return WebApp.download(Array((CaseValue(.object(opened.document)).jsonText(pretty: true) + "\n").utf8),
            type: "application/json; charset=utf-8", fileName: "\(stem).json")
    }
}
