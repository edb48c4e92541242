import Testing

@testable import Templating

@Suite("Template parsing errors name the file and line")
struct TemplateParserTests {
    /// The single problem loading `body` (with one declared text field `name`) gives.
    private func problem(fields: String = "    <field name=\"name\"/>", body: String) -> TemplateError? {
        let folder = TemplateFolder(["t": templateXML(fields: fields, body: body)])
        let problems = folder.problems("t")
        #expect(problems.count == 1, "\(problems)")
        return problems.first
    }

    @Test func unknownElement() {
        let error = problem(body: "    <p>ok</p>\n    <para>no</para>")
        #expect(error?.reason == .unknownElement)
        #expect(error?.location.line == 9)
        #expect(error?.description.contains("/t.xml:9: error: <para> is not an element") == true)
    }

    @Test func unknownAttribute() {
        let error = problem(body: "    <p colour=\"red\">x</p>")
        #expect(error?.reason == .unknownAttribute)
        #expect(error?.location.line == 8)
        #expect(error?.message.contains("'colour'") == true)
    }

    @Test func misplacedElement() {
        let error = problem(body: "    <p><p>nested</p></p>")
        #expect(error?.reason == .misplacedElement)
        #expect(error?.location.line == 8)
    }

    @Test func textOutsideABlock() {
        let error = problem(body: "    loose words")
        #expect(error?.reason == .misplacedElement)
        #expect(error?.message.contains("<p>") == true)
    }

    @Test func malformedExpression() {
        let error = problem(body: "    <p>x</p>\n    <if test=\"name = 'a'\"><p>y</p></if>")
        #expect(error?.reason == .expression)
        #expect(error?.location.line == 9)
        #expect(error?.message.contains("use '=='") == true)
    }

    @Test func unknownFunction() {
        let error = problem(body: "    <if test=\"readFile('x')\"><p>y</p></if>")
        #expect(error?.reason == .expression)
        #expect(error?.message.contains("no function 'readFile'") == true)
    }

    @Test func undeclaredField() {
        let error = problem(body: "    <p>Dear <value of=\"nmae\"/>,</p>")
        #expect(error?.reason == .undeclaredField)
        #expect(error?.location.line == 8)
        #expect(error?.message.contains("did you mean 'name'") == true)
    }

    @Test func undeclaredFieldInsideAGroup() {
        let error = problem(fields: "    <group name=\"client\">\n      <field name=\"fullName\"/>\n    </group>",
            body: "    <p><value of=\"client.fullname\"/></p>")
        #expect(error?.location.line == 10)
        #expect(error?.message.contains("'client' has no field 'fullname'") == true)
    }

    @Test func undeclaredFieldInACondition() {
        let error = problem(body: "    <p>a</p>\n    <p>b</p>\n    <if test=\"exists(missing)\"><p>c</p></if>")
        #expect(error?.reason == .undeclaredField)
        #expect(error?.location.line == 10)
    }

    @Test func loopVariablesResolveToListItems() {
        let fields = "    <list name=\"kids\">\n      <field name=\"name\"/>\n    </list>"
        let folder = TemplateFolder(["t": templateXML(fields: fields, body: "    <ul><for each=\"k\" in=\"kids\"><li><value of=\"k.name\"/> <value of=\"loop.index\"/></li></for></ul>")])
        #expect(folder.problems("t").isEmpty)
        let error = problem(fields: fields, body: "    <ul><for each=\"k\" in=\"kids\"><li><value of=\"k.age\"/></li></for></ul>")
        #expect(error?.message.contains("'k' has no field 'age'") == true)
    }

    @Test func listNeedsALoopOrIndex() {
        let error = problem(fields: "    <list name=\"kids\">\n      <field name=\"name\"/>\n    </list>",
            body: "    <p><value of=\"kids.name\"/></p>")
        #expect(error?.message.contains("is a list") == true)
    }

    @Test func formatMustSuitTheField() {
        let error = problem(fields: "    <field name=\"when\" type=\"date\"/>", body: "    <p><value of=\"when\" format=\"money\"/></p>")
        #expect(error?.reason == .invalidAttribute)
        #expect(error?.message.contains("long-date") == true)
    }

    @Test func unknownFieldType() {
        let error = problem(fields: "    <field name=\"a\" type=\"colour\"/>", body: "    <p>x</p>")
        #expect(error?.location.line == 5)
        #expect(error?.message.contains("not a field type") == true)
    }

    @Test func duplicateField() {
        let error = problem(fields: "    <field name=\"a\"/>\n    <field name=\"a\"/>", body: "    <p>x</p>")
        #expect(error?.reason == .duplicateField)
        #expect(error?.location.line == 6)
    }

    @Test func referenceToMissingParagraph() {
        let error = problem(body: "    <numbered id=\"intro\">x</numbered>\n    <p>See <ref to=\"intr\"/>.</p>")
        #expect(error?.location.line == 9)
        #expect(error?.message.contains("did you mean 'intro'") == true)
    }

    @Test func idMustMatchThePath() {
        let folder = TemplateFolder(["letters/a": templateXML(id: "letters/b", body: "<p>x</p>")])
        let problems = folder.problems("letters/a")
        #expect(problems.first?.message.contains("id=\"letters/a\"") == true)
        #expect(problems.first?.location.line == 2)
    }

    @Test func notWellFormedXML() {
        let folder = TemplateFolder(["t": "<?xml version=\"1.0\"?>\n<template>\n<p>\n</template>\n"])
        let problems = folder.problems("t")
        #expect(problems.first?.reason == .syntax)
        #expect(problems.first?.location.line == 4)
    }

    @Test func elementsWithoutTheNamespaceAreNamed() {
        let folder = TemplateFolder(["t": "<template id=\"t\" version=\"1\"><meta><title>x</title></meta></template>"])
        #expect(folder.problems("t").first?.message.contains("urn:engross:template:1") == true)
    }

    @Test func missingInclude() {
        let error = problem(body: "    <p>x</p>\n    <include template=\"common/nothing\"/>")
        #expect(error?.reason == .notFound)
        #expect(error?.location.line == 9)
    }

    @Test func includeCannotLeaveTheFolder() {
        let error = problem(body: "    <include template=\"../../etc/passwd\"/>")
        #expect(error?.reason == .notFound)
        #expect(error?.message.contains("is not a template id") == true)
    }

    @Test func includeCycle() {
        let folder = TemplateFolder([
            "a": templateXML(id: "a", body: "    <include template=\"b\"/>"),
            "b": templateXML(id: "b", body: "    <include template=\"a\"/>"),
        ])
        let problems = folder.problems("a")
        #expect(problems.first?.reason == .includeCycle)
        #expect(problems.first?.message.contains("a → b → a") == true)
        #expect(problems.first?.location.file.hasSuffix("/b.xml") == true)
        #expect(problems.first?.location.line == 8)
    }

    @Test func extendsCycle() {
        let child = """
            <template xmlns="urn:engross:template:1" id="%@" version="1" extends="%@">
              <meta><title>x</title></meta>
            </template>
            """
        let folder = TemplateFolder([
            "a": child.replacingOccurrences(of: "id=\"%@\"", with: "id=\"a\"").replacingOccurrences(of: "extends=\"%@\"", with: "extends=\"b\""),
            "b": child.replacingOccurrences(of: "id=\"%@\"", with: "id=\"b\"").replacingOccurrences(of: "extends=\"%@\"", with: "extends=\"a\""),
        ])
        let problems = folder.problems("a")
        #expect(problems.first?.reason == .includeCycle)
        #expect(problems.first?.location.line == 1)
    }

    @Test func refusesDoctypeWithEntities() throws {
        let hostile = """
            <?xml version="1.0"?>
            <!DOCTYPE template [
              <!ENTITY secret SYSTEM "file:///etc/passwd">
              <!ENTITY a "aaaaaaaaaa">
              <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
              <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
            ]>
            <template xmlns="urn:engross:template:1" id="t" version="1">
              <meta><title>&c;</title></meta>
              <body><p>&secret;</p></body>
            </template>
            """
        let folder = TemplateFolder(["t": hostile])
        let clock = ContinuousClock()
        let started = clock.now
        let problems = folder.problems("t")
        #expect(clock.now - started < .seconds(1))
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("DOCTYPE") == true)
        #expect(problems.first?.description.contains("root:") == false)
    }

    @Test func predefinedEntitiesWork() throws {
        let folder = TemplateFolder(["t": templateXML(
            fields: "    <field name=\"n\" type=\"integer\"/>", body: "    <if test=\"n &lt; 3 &amp;&amp; n &gt; 0\"><p>A &amp; B</p></if>")])
        let template = try folder.library.load("t")
        guard case .if(let test, let then, _, _) = template.body[0] else { Issue.record("not an if"); return }
        #expect(test == .and(.compare(.less, .path(PathExpression(head: "n")), .literal(.number(3))),
            .compare(.greater, .path(PathExpression(head: "n")), .literal(.number(0)))))
        #expect(then == [.paragraph(alignment: .left, [.text("A & B")])])
    }

    @Test func reportsEveryProblemAtOnce() {
        let folder = TemplateFolder(["t": templateXML(fields: "    <field name=\"a\" type=\"nope\"/>",
            body: "    <para/>\n    <p bad=\"1\">x</p>")])
        #expect(folder.problems("t").count == 3)
    }
}
