import CaseData
import Engross
import Foundation
import Templating
import TestSupport
import Testing
import WriterDOCX

/// The template library (issue 3): every template's fixtures validate or fail exactly as intended,
/// render to golden files, and leak no sensitive value when redacted.
///
/// Fixtures live in Fixtures/cases/<template-id>/ (valid cases) and Fixtures/cases/<template-id>/invalid/
/// (cases that must fail); golden files in Fixtures/golden/<template-id>/. The date of the run is
/// fixed at 2026-11-29 (the date SOURCE_DATE_EPOCH=1795910400 gives). Rewrite the golden files with
/// UPDATE_GOLDEN=1 swift test, then read every changed .txt file by eye before committing.
@Suite("The template library")
struct TemplateLibraryTests {
    let engine = Engine(templatesPath: templatesPath, today: fixtureToday)

    /// A valid fixture and the golden files it renders to.
    struct ValidCase: CustomStringConvertible, Sendable {
        let template: String
        let fixture: String
        /// Render every format (txt, md, html) and a redacted txt; otherwise txt only.
        let allFormats: Bool
        var name: String { (fixture as NSString).deletingPathExtension }
        var description: String { "\(template) \(fixture)" }
    }

    /// An invalid fixture and the exact diagnostics (path and code) it must produce.
    struct InvalidCase: CustomStringConvertible, Sendable {
        let template: String
        let fixture: String
        let expected: [String]
        var description: String { "\(template) invalid/\(fixture)" }
    }

    static let library = [
        "t-visa/declaration", "u-visa/certification-request", "protective-order/petition", "protective-order/texas-7b",
        "letters/support", "letters/continued-presence-request", "letters/translation-certificate",
        "t-visa/cover-letter", "u-visa/enclosure-list", "common/exhibit-index", "common/exhibit-cover",
    ]

    static let validCases: [ValidCase] = [
        ValidCase(template: "t-visa/declaration", fixture: "rich.yaml", allFormats: true),
        ValidCase(template: "t-visa/declaration", fixture: "minimal.json", allFormats: false),
        ValidCase(template: "t-visa/declaration", fixture: "under-18.json", allFormats: false),
        ValidCase(template: "u-visa/certification-request", fixture: "rich.yaml", allFormats: true),
        ValidCase(template: "u-visa/certification-request", fixture: "minimal.json", allFormats: false),
        ValidCase(template: "protective-order/petition", fixture: "rich.yaml", allFormats: true),
        ValidCase(template: "protective-order/petition", fixture: "minimal.json", allFormats: false),
        ValidCase(template: "protective-order/texas-7b", fixture: "rich.yaml", allFormats: true),
        ValidCase(template: "protective-order/texas-7b", fixture: "minimal.json", allFormats: false),
        ValidCase(template: "letters/support", fixture: "rich.yaml", allFormats: true),
        ValidCase(template: "letters/support", fixture: "minimal.json", allFormats: false),
        ValidCase(template: "letters/continued-presence-request", fixture: "rich.yaml", allFormats: true),
        ValidCase(template: "letters/continued-presence-request", fixture: "minimal.json", allFormats: false),
        ValidCase(template: "letters/translation-certificate", fixture: "rich.yaml", allFormats: true),
        ValidCase(template: "letters/translation-certificate", fixture: "minimal.json", allFormats: false),
        ValidCase(template: "t-visa/cover-letter", fixture: "rich.yaml", allFormats: true),
        ValidCase(template: "t-visa/cover-letter", fixture: "minimal.json", allFormats: false),
        ValidCase(template: "u-visa/enclosure-list", fixture: "rich.yaml", allFormats: true),
        ValidCase(template: "u-visa/enclosure-list", fixture: "minimal.json", allFormats: false),
        ValidCase(template: "common/exhibit-index", fixture: "rich.yaml", allFormats: true),
        ValidCase(template: "common/exhibit-index", fixture: "minimal.json", allFormats: false),
        ValidCase(template: "common/exhibit-cover", fixture: "rich.yaml", allFormats: true),
        ValidCase(template: "common/exhibit-cover", fixture: "minimal.json", allFormats: false),
    ]

    static let invalidCases: [InvalidCase] = [
        InvalidCase(template: "t-visa/declaration", fixture: "no-report-no-exception.json",
            expected: ["lawEnforcement.reports rule-failed"]),
        InvalidCase(template: "t-visa/declaration", fixture: "under-18-claimed-by-an-adult.json",
            expected: ["lawEnforcement.exception rule-failed"]),
        InvalidCase(template: "t-visa/declaration", fixture: "trauma-without-explanation.json",
            expected: ["lawEnforcement.traumaExplanation required"]),
        InvalidCase(template: "t-visa/declaration", fixture: "departed-without-departures.json",
            expected: ["presence.departures required"]),
        InvalidCase(template: "t-visa/declaration", fixture: "adult-without-means.json",
            expected: ["trafficking.means rule-failed"]),
        InvalidCase(template: "t-visa/declaration", fixture: "interpreted-without-interpreter.json",
            expected: ["interpreter.fullName required", "interpreter.language required"]),
        InvalidCase(template: "t-visa/declaration", fixture: "no-hardship.json",
            expected: ["hardship rule-failed"]),
        InvalidCase(template: "t-visa/declaration", fixture: "hotline-only.json",
            expected: ["lawEnforcement.reports rule-failed"]),
        InvalidCase(template: "t-visa/declaration", fixture: "patronized-for-labor.json",
            expected: ["trafficking.acts rule-failed"]),
        InvalidCase(template: "t-visa/declaration", fixture: "debt-as-a-means.json",
            expected: ["trafficking.means[1] not-an-option"]),
        InvalidCase(template: "t-visa/declaration", fixture: "continued-presence-without-agency.json",
            expected: ["lawEnforcement.continuedPresence.requestedBy required"]),
        InvalidCase(template: "t-visa/declaration", fixture: "in-person-interpreter-signing-elsewhere.json",
            expected: ["interpreter.signingPlace rule-failed"]),
        InvalidCase(template: "u-visa/certification-request", fixture: "empty-helpfulness.json",
            expected: ["helpfulness required"]),
        InvalidCase(template: "u-visa/certification-request", fixture: "similar-activity-not-named.json",
            expected: ["crime.similarActivity required"]),
        InvalidCase(template: "u-visa/certification-request", fixture: "no-report-or-case-number.json",
            expected: ["crime.reportNumber rule-failed"]),
        InvalidCase(template: "u-visa/certification-request", fixture: "recertification-without-earlier-date.json",
            expected: ["priorCertification.signedDate required"]),
        InvalidCase(template: "u-visa/certification-request", fixture: "earlier-certification-after-letter.json",
            expected: ["recertification rule-failed"]),
        InvalidCase(template: "u-visa/certification-request", fixture: "crime-not-on-the-list.json",
            expected: ["crime.activities[1] not-an-option"]),
        InvalidCase(template: "u-visa/certification-request", fixture: "edition-not-mm-dd-yy.json",
            expected: ["supplementBEdition pattern-mismatch"]),
        InvalidCase(template: "u-visa/certification-request", fixture: "indirect-parent-of-adult-victim.json",
            expected: ["directVictim.relationship rule-failed"]),
        InvalidCase(template: "u-visa/certification-request", fixture: "indirect-victim-death-not-murder.json",
            expected: ["directVictim.status rule-failed"]),
        InvalidCase(template: "u-visa/certification-request", fixture: "helper-for-adult-victim.json",
            expected: ["helper rule-failed"]),
        InvalidCase(template: "u-visa/certification-request", fixture: "other-state-law-without-citation.json",
            expected: ["stateLaw.citation required"]),
        InvalidCase(template: "protective-order/petition", fixture: "shelter-address-written.json",
            expected: ["petitioner.address rule-failed"]),
        InvalidCase(template: "protective-order/petition", fixture: "confidential-address-without-safe-address.json",
            expected: ["petitioner.mailingAddress required"]),
        InvalidCase(template: "protective-order/petition", fixture: "disclosed-address-missing.json",
            expected: ["petitioner.address.line1 required", "petitioner.address.line2 required"]),
        InvalidCase(template: "protective-order/petition", fixture: "no-relief.json",
            expected: ["relief rule-failed"]),
        InvalidCase(template: "protective-order/petition", fixture: "custody-without-children.json",
            expected: ["relief.custody rule-failed"]),
        InvalidCase(template: "protective-order/petition", fixture: "stay-away-without-distance-or-places.json",
            expected: ["relief.distanceFeet required", "relief.places required"]),
        InvalidCase(template: "protective-order/petition", fixture: "other-cases-not-listed.json",
            expected: ["cases required"]),
        InvalidCase(template: "protective-order/petition", fixture: "respondent-age-unknown.json",
            expected: ["respondent.approximateAge rule-failed"]),
        InvalidCase(template: "protective-order/petition", fixture: "no-incidents.json",
            expected: ["incidents required"]),
        InvalidCase(template: "protective-order/petition", fixture: "custody-declaration-short-of-five-years.yaml",
            expected: ["custodyDeclaration.residences rule-failed"]),
        InvalidCase(template: "protective-order/texas-7b", fixture: "adult-filing-for-an-adult-victim.json",
            expected: ["texas.filedBy rule-failed"]),
        InvalidCase(template: "protective-order/texas-7b", fixture: "adult-filing-without-victim-age.json",
            expected: ["texas.filedBy rule-failed"]),
        InvalidCase(template: "protective-order/texas-7b", fixture: "prosecutor-not-named.json",
            expected: ["filer.name required", "filer.capacity required"]),
        InvalidCase(template: "protective-order/texas-7b", fixture: "county-with-the-word-county.json",
            expected: ["court.county rule-failed"]),
        InvalidCase(template: "protective-order/texas-7b", fixture: "no-offense.json",
            expected: ["texas.offenses required"]),
        InvalidCase(template: "protective-order/texas-7b", fixture: "no-condition.json",
            expected: ["relief rule-failed"]),
        InvalidCase(template: "protective-order/texas-7b", fixture: "not-a-texas-court.json",
            expected: ["court.state pattern-mismatch"]),
        InvalidCase(template: "protective-order/texas-7b", fixture: "other-place-not-described.json",
            expected: ["relief.otherPlaces required"]),
        InvalidCase(template: "protective-order/petition", fixture: "cohabited-but-never-lived-together.json",
            expected: ["cohabited rule-failed"]),
        InvalidCase(template: "protective-order/petition", fixture: "custody-without-declaration.json",
            expected: ["relief.custody rule-failed"]),
        InvalidCase(template: "protective-order/petition", fixture: "firearms-findings-without-intimate-partner.json",
            expected: ["relief.firearmsFindings rule-failed"]),
        InvalidCase(template: "protective-order/petition", fixture: "shelter-residence-address-written.json",
            expected: ["custodyDeclaration.residences[0].address rule-failed"]),
        InvalidCase(template: "protective-order/petition", fixture: "verification-text-reveals-address.json",
            expected: ["signing.verificationText rule-failed"]),
        InvalidCase(template: "protective-order/petition", fixture: "state-form-and-duration-without-details.json",
            expected: ["relief.durationYears required", "signing.verificationText required"]),
        InvalidCase(template: "protective-order/texas-7b", fixture: "coordinator-without-consent.json",
            expected: ["texas.filedBy rule-failed"]),
        InvalidCase(template: "protective-order/texas-7b", fixture: "minor-victim-named-in-full.json",
            expected: ["texas.victimInitials rule-failed"]),
        InvalidCase(template: "protective-order/texas-7b", fixture: "family-court-and-conviction-without-details.json",
            expected: ["texas.familyCodeCase required", "disposition.kind required", "disposition.offense required",
                       "disposition.court required", "disposition.date required"]),
        InvalidCase(template: "letters/support", fixture: "u-visa-without-agency.json",
            expected: ["lawEnforcementAgency required"]),
        InvalidCase(template: "letters/support", fixture: "observations-without-consent.json",
            expected: ["consentToShare rule-failed"]),
        InvalidCase(template: "letters/support", fixture: "met-after-the-letter.json",
            expected: ["knownSince rule-failed"]),
        InvalidCase(template: "letters/support", fixture: "u-visa-with-hardship.json",
            expected: ["hardship rule-failed"]),
        InvalidCase(template: "letters/support", fixture: "t-visa-with-abuse.json",
            expected: ["abuse rule-failed"]),
        InvalidCase(template: "letters/support", fixture: "abuse-without-consent.json",
            expected: ["consentToShare rule-failed"]),
        InvalidCase(template: "letters/continued-presence-request", fixture: "without-client-consent.json",
            expected: ["clientConsent rule-failed"]),
        InvalidCase(template: "letters/continued-presence-request", fixture: "civil-action-without-details.json",
            expected: ["civilAction.court required", "civilAction.caseNumber required", "civilAction.filed required"]),
        InvalidCase(template: "letters/continued-presence-request", fixture: "no-basis.json",
            expected: ["basis required"]),
        InvalidCase(template: "letters/continued-presence-request", fixture: "malformed-receipt-number.json",
            expected: ["tReceipt invalid-receipt-number"]),
        InvalidCase(template: "letters/translation-certificate", fixture: "no-documents.json",
            expected: ["documents required"]),
        InvalidCase(template: "letters/translation-certificate", fixture: "place-of-signing-missing.json",
            expected: ["signing.place required"]),
        InvalidCase(template: "letters/translation-certificate", fixture: "unknown-forum.json",
            expected: ["filedWith not-an-option"]),
        InvalidCase(template: "letters/translation-certificate", fixture: "document-without-description.json",
            expected: ["documents[0].description required", "documents[0].pages out-of-range"]),
        InvalidCase(template: "t-visa/cover-letter", fixture: "compliance-without-contacts.json",
            expected: ["lawEnforcement.contacts rule-failed"]),
        InvalidCase(template: "t-visa/cover-letter", fixture: "no-hardship-argument.json",
            expected: ["hardship.argument required"]),
        InvalidCase(template: "t-visa/cover-letter", fixture: "hotline-only.json",
            expected: ["lawEnforcement.contacts rule-failed"]),
        InvalidCase(template: "t-visa/cover-letter", fixture: "family-work-permits-without-supplement-a.json",
            expected: ["forms rule-failed"]),
        InvalidCase(template: "t-visa/cover-letter", fixture: "fee-waiver-form.json",
            expected: ["forms[1] not-an-option"]),
    ]

    func load(_ template: String, _ fixture: String) throws -> CaseValue {
        try CaseFile.load(path: repositoryRoot.appendingPathComponent("Fixtures/cases/\(template)/\(fixture)").path)
    }

    @Test(arguments: validCases)
    func validCaseMatchesItsGoldenFiles(_ testCase: ValidCase) throws {
        let template = try engine.prepare(testCase.template)
        let data = try load(testCase.template, testCase.fixture)
        let problems = template.validate(data, file: testCase.fixture)
        #expect(problems.isEmpty, "\(problems.map(\.formatted))")
        let document = template.render(data)
        let formats: [OutputFormat] = testCase.allFormats ? textFormats : [.txt]
        for format in formats {
            try Golden.check(String(decoding: format.write(document), as: UTF8.self),
                against: "\(testCase.template)/\(testCase.name).\(format.rawValue)")
        }
        if testCase.allFormats {
            try Golden.check(String(decoding: OutputFormat.txt.write(template.render(data, redact: true)), as: UTF8.self),
                against: "\(testCase.template)/\(testCase.name)-redacted.txt")
        }
    }

    @Test(arguments: invalidCases)
    func invalidCaseGivesExactlyItsDiagnostics(_ testCase: InvalidCase) throws {
        let template = try engine.prepare(testCase.template)
        let data = try load(testCase.template, "invalid/" + testCase.fixture)
        let problems = template.validate(data, file: testCase.fixture)
        #expect(problems.map { "\($0.path) \($0.code.rawValue)" }.sorted() == testCase.expected.sorted())
        #expect(problems.allSatisfy { $0.severity == .error })
        // No message repeats a sensitive value of the case file.
        let report = problems.map { $0.formatted + $0.json.jsonText() }.joined(separator: "\n")
        let leaked = Self.sensitiveValues(in: data, declarations: template.template.fields).filter { report.contains($0) }
        #expect(leaked.isEmpty, "\(testCase): the report shows sensitive values: \(leaked)")
    }

    /// Every valid fixture of every template, rendered with --redact in every format, holds none of
    /// the sensitive values of its case file: not as written, not as a long or form date, not as an
    /// A-number, not any paragraph of a narrative.
    @Test(arguments: validCases)
    func redactedOutputHoldsNoSensitiveValue(_ testCase: ValidCase) throws {
        let template = try engine.prepare(testCase.template)
        let data = try load(testCase.template, testCase.fixture)
        let secrets = Self.sensitiveValues(in: data, declarations: template.template.fields)
        #expect(!secrets.isEmpty, "\(testCase) has no sensitive value to test")
        let redacted = template.render(data, redact: true)
        for format in OutputFormat.allCases {
            // A DOCX is a ZIP: search the XML of its parts, which is what Word shows. A PDF's text
            // is compressed: search what pdftotext reads from it (and its metadata).
            let output: String
            switch format {
            case .docx: output = DOCXWriter().parts(redacted).map(\.xml).joined()
            case .pdf: output = try pdfText(try format.write(redacted))
            default: output = String(decoding: try format.write(redacted), as: UTF8.self)
            }
            let text = Self.normalized(output)
            let leaked = secrets.filter { text.contains($0) }
            #expect(leaked.isEmpty, "\(testCase) \(format): sensitive values in the redacted output: \(leaked)")
        }
        // And the unredacted output does show them: the test looks for the right strings.
        let plain = Self.normalized(String(decoding: try OutputFormat.txt.write(template.render(data)), as: UTF8.self))
        #expect(secrets.contains { plain.contains($0) }, "\(testCase): no sensitive value found in the plain output either")
    }

    @Test func everyLibraryTemplateIsListedWithItsMetadata() throws {
        let ids = engine.library.templateIDs()
        for id in Self.library {
            #expect(ids.contains(id), "\(id) is missing")
            guard ids.contains(id) else { continue }
            let template = try engine.prepare(id).template
            // 2026-11-29: the library's first review; 2026-12-02: the legal review (issue [1/6]).
            #expect(["2026-11-29", "2026-12-02"].contains(template.meta.reviewed ?? ""), "\(id)")
            #expect(!(template.meta.authority ?? "").isEmpty, "\(id) names no authority")
            #expect(!template.version.isEmpty)
        }
    }

    // MARK: - Collecting sensitive values

    /// Output with HTML's character references undone and every run of white space (line breaks
    /// and the indentation of wrapped lines included) made one space, so that a value wrapped
    /// across lines is still found.
    static func normalized(_ text: String) -> String {
        var text = text
        for (reference, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: reference, with: character)
        }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The sensitive values of a case file, in the forms a document could show them.
    static func sensitiveValues(in data: CaseValue, declarations: [FieldDeclaration]) -> [String] {
        var found: [String] = []
        collect(data, declarations: declarations, inherited: false, into: &found)
        return Array(Set(found)).sorted()
    }

    private static func collect(_ value: CaseValue, declarations: [FieldDeclaration], inherited: Bool, into found: inout [String]) {
        guard let object = value.objectValue else { return }
        for declaration in declarations {
            guard let child = object[declaration.name] else { continue }
            let sensitive = inherited || declaration.sensitive
            switch declaration.type {
            case .group:
                collect(child, declarations: declaration.children, inherited: sensitive, into: &found)
            case .list:
                for item in child.listValue ?? [] {
                    collect(item, declarations: declaration.children, inherited: sensitive, into: &found)
                }
            default:
                if sensitive { found += forms(of: child, type: declaration.type) }
            }
        }
    }

    private static func forms(of value: CaseValue, type: FieldType) -> [String] {
        let texts = value.stringValue.map { [$0] } ?? (value.listValue ?? []).compactMap(\.stringValue)
        var forms: [String] = []
        for text in texts {
            switch type {
            case .date:
                if let date = CivilDate(iso: text) { forms += [Formatters.longDate(date), Formatters.formDate(date), text] }
            case .aNumber:
                if let digits = Formatters.aNumberDigits(text) { forms += [Formatters.aNumber(digits), digits] }
            case .phone:
                if let digits = Formatters.phoneDigits(text) { forms += [Formatters.phone(digits), text] }
            case .paragraphs:
                for paragraph in text.components(separatedBy: "\n\n") {
                    let trimmed = normalized(paragraph)
                    if !trimmed.isEmpty { forms.append(String(trimmed.prefix(40))) }
                }
            default:
                let trimmed = normalized(text)
                if trimmed.count >= 3 { forms.append(String(trimmed.prefix(40))) }
            }
        }
        return forms
    }
}

/// The text and metadata of a PDF, as pdftotext and pdfinfo read them.
func pdfText(_ pdf: [UInt8]) throws -> String {
    try pdfTool("pdftotext", pdf, ["-enc", "UTF-8"]) + pdfTool("pdfinfo", pdf)
}
