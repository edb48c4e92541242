import CaseData
@testable import EngrossServer
@testable import Templating
import Testing

/// The form's controls as FormControls writes them: the markup the pages and the script rely on,
/// and every value escaped.
@Suite struct FormControlsHTMLTests {
    static func field(_ name: String, _ type: FieldType, label: String? = nil, help: String? = nil, required: Bool = false,
        children: [FieldDeclaration] = [], options: [ChoiceOption] = []) -> FieldDeclaration {
        FieldDeclaration(name: name, type: type, label: label, help: help, required: required, requiredIf: nil, requiredIfText: nil,
            pattern: nil, minimum: nil, maximum: nil, sensitive: false, redact: .mark, defaultValue: nil, options: options,
            multiple: false, children: children, rules: [], location: TemplateLocation(file: "t.xml", line: 1))
    }

    static let controls = FormControls(diagnostics: [:], requiredNow: [], showProblems: false)

    @Test func textIsEscapedByteByByteEvenBeforeACombiningMark() {
        #expect(HTMLText.escaped(#"<b>"Ann" & 'Bo'</b>"#) == "&lt;b&gt;&quot;Ann&quot; &amp; &#39;Bo&#39;&lt;/b&gt;")
        // A quote followed by a combining mark is one Character to Swift, but still a quote to the
        // browser: escaping Characters would let it close the attribute.
        #expect(HTMLText.escaped("x\"\u{301} autofocus") == "x&quot;\u{301} autofocus")
        #expect(HTMLText.escaped("Zoë, 東京") == "Zoë, 東京")
        #expect(HTMLText.escaped("") == "")
    }

    @Test func anInputCarriesItsLabelValueAndAttributes() {
        var document = CaseObject()
        document["role"] = .string(#"case "manager" <lead>"#)
        let html = Self.controls.html([Self.field("role", .text, label: "Author's role", help: "e.g. therapist", required: true)],
            in: document, prefix: "")
        #expect(html == """
            <div class="field" data-field="f-role">
              <label for="f-role">Author&#39;s role<span class="required-marker" data-required-for="f-role"> (required)</span>
            </label>
              <p class="help" id="f-role-help">e.g. therapist</p>
              <p class="error-message" id="f-role-error" hidden></p>
              <input id="f-role" name="role" type="text" value="case &quot;manager&quot; &lt;lead&gt;" aria-describedby="f-role-help" aria-required="true" autocomplete="off">
            </div>

            """)
    }

    @Test func problemsAreShownBesideTheirFieldAndTiedToIt() {
        let diagnostic = Diagnostic(.error, .required, path: "services[0].description", label: "Service", message: "is required")
        let controls = FormControls(diagnostics: ["services[0].description": [diagnostic]], requiredNow: [], showProblems: true)
        var document = CaseObject()
        document["services"] = .list([.object([])])
        let html = controls.html([Self.field("services", .list, label: "Services", children: [Self.field("description", .text, label: "Service")])],
            in: document, prefix: "")
        #expect(html.contains(#"<input type="hidden" name="services#count" value="1">"#))
        #expect(html.contains(#"<div class="field has-error" data-field="f-services-0-description">"#))
        #expect(html.contains(#"<p class="error-message" id="f-services-0-description-error"><span>Service (item 1) is required</span> </p>"#))
        #expect(html.contains(#"aria-describedby="f-services-0-description-error" aria-invalid="true""#))
        #expect(html.contains(#"value="up:services[0]" class="small" disabled>"#))
        #expect(html.contains(#"value="add:services" class="add-item">Add an item to “Services”</button>"#))
    }

    @Test func choicesShowWhatIsChosen() {
        var document = CaseObject()
        document["visa"] = .string("u")
        document["pronouns"] = .string("They")
        let options = [ChoiceOption(value: "t", label: "T visa"), ChoiceOption(value: "u", label: "U visa")]
        let html = Self.controls.html([Self.field("visa", .choice, label: "Visa", options: options), Self.field("pronouns", .pronouns)],
            in: document, prefix: "")
        #expect(html.contains(#"<input type="radio" id="f-visa-1" name="visa" value="u" checked><label for="f-visa-1">U visa</label>"#))
        #expect(html.contains(#"<input type="radio" id="f-visa-0" name="visa" value="t"><label"#))
        #expect(html.contains(#"<option value="they" selected>they</option>"#))

        // A case file's own pronouns are offered as they are, chosen.
        document["pronouns"] = .object([("subject", .string("xe")), ("object", .string("xem")), ("possessive", .string("xyr"))])
        let custom = Self.controls.html([Self.field("pronouns", .pronouns)], in: document, prefix: "")
        #expect(custom.contains(#"<option value="{&quot;subject&quot;:&quot;xe&quot;,&quot;object&quot;:&quot;xem&quot;,&quot;possessive&quot;:&quot;xyr&quot;}" selected>xe/xem/xyr (from the case file)</option>"#))
        #expect(!custom.contains("they\" selected"))
    }
}

/// The step navigation of a long form.
@Suite struct StepListTests {
    @Test func theCurrentStepIsMarkedAndEachStepCountsItsProblems() {
        let html = StepList.html([
            StepList.Step(title: "Client's details", href: "/cases/x/documents/d?step=1", problems: 2),
            StepList.Step(title: "Review and download", href: "/cases/x/documents/d?step=2", problems: 0),
        ], current: 2)
        #expect(html == #"<li class=""><a href="/cases/x/documents/d?step=1" >Client&#39;s details</a> <span class="badge todo" data-step-count="1">2<span class="visually-hidden"> to fix</span></span></li>"#
            + #"<li class="current"><a href="/cases/x/documents/d?step=2" aria-current="step">Review and download</a> <span class="badge todo" data-step-count="2" hidden></span></li>"#)
    }
}
