import FormPDF
import Testing

@Suite struct FormFieldTypesTests {
    @Test func partialNameIsTheLastPart() {
        let field = FormFieldInfo(name: "form1[0].#subform[0].Pt1Line1a_FamilyName[0]", kind: .text)
        #expect(field.partialName == "Pt1Line1a_FamilyName[0]")
    }
}
