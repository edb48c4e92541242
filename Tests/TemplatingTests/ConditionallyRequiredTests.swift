import CaseData
import Templating
import Testing

/// `conditionallyRequired` answers as validation decides: the web form marks exactly the fields
/// that `validate` would call required, at top level, in groups and in list items.
@Suite struct ConditionallyRequiredTests {
    static let folder = TemplateFolder(["t": templateXML(fields: """
            <field name="visa" type="choice"><option value="t">T</option><option value="u">U</option></field>
            <field name="agency" type="text" required-if="visa == 'u'"/>
            <group name="client">
              <field name="minor" type="boolean" default="false"/>
              <field name="guardian" type="text" required-if="minor"/>
            </group>
            <field name="hasSponsor" type="boolean"/>
            <field name="sponsorDeclined" type="boolean"/>
            <group name="sponsor" required-if="hasSponsor">
              <field name="reason" type="text" required-if="sponsorDeclined"/>
            </group>
            <list name="incidents">
              <field name="reported" type="boolean"/>
              <field name="reportDate" type="date" required-if="reported"/>
            </list>
        """, body: "<p>x</p>")])

    static func required(_ json: String) throws -> Set<String> {
        let template = try folder.library.load("t")
        let validator = CaseValidator(template: template, today: CivilDate(iso: "2026-11-29")!)
        return validator.conditionallyRequired(try JSONCaseParser.parse(Array(json.utf8), file: "c.json"))
    }

    @Test func theSameFieldsValidationCallsRequired() throws {
        #expect(try Self.required(#"{"visa": "t"}"#) == [])
        #expect(try Self.required(#"{"visa": "u"}"#) == ["agency"])
        #expect(try Self.required(#"{"client": {"minor": true}}"#) == ["client.guardian"])
        #expect(try Self.required(#"{"incidents": [{"reported": false}, {"reported": true}]}"#) == ["incidents[1].reportDate"])
        // And validation agrees.
        let template = try Self.folder.library.load("t")
        let problems = CaseValidator(template: template, today: CivilDate(iso: "2026-11-29")!)
            .validate(try JSONCaseParser.parse(Array(#"{"visa": "u", "incidents": [{"reported": true}]}"#.utf8), file: "c.json"), file: nil)
        #expect(Set(problems.filter { $0.code == .required }.map(\.path)) == ["agency", "incidents[0].reportDate"])
    }

    /// The form page asks for both in one walk; a group that validation does not look into (missing
    /// and not required now, or not a group at all) still has its conditions decided.
    @Test func oneWalkFindsWhatTwoWalksFind() throws {
        let template = try Self.folder.library.load("t")
        let validator = CaseValidator(template: template, today: CivilDate(iso: "2026-11-29")!)
        for json in [#"{"visa": "u"}"#, #"{"sponsorDeclined": true}"#, #"{"hasSponsor": true, "sponsorDeclined": true}"#,
            #"{"sponsor": "x", "sponsorDeclined": true}"#,
            #"{"sponsor": null, "client": {"minor": true}}"#, #"{"incidents": [{"reported": true}, "x"]}"#, "[]"] {
            let value = try JSONCaseParser.parse(Array(json.utf8), file: "c.json")
            let (diagnostics, required) = validator.validateFindingRequired(value, file: nil)
            #expect(diagnostics == validator.validate(value, file: nil), "\(json)")
            #expect(required == validator.conditionallyRequired(value), "\(json)")
        }
        #expect(try Self.required(#"{"sponsorDeclined": true}"#) == ["sponsor.reason"])
    }
}
