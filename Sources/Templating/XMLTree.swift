/// A parsed XML element, as plain Swift values, with the line it starts on.
///
/// The template parser works on this tree, so it never touches libxml2 itself.
struct XMLElement: Sendable {
    var name: String
    var namespace: String?
    var attributes: [XMLAttribute]
    var children: [XMLChild]
    var line: Int

    /// The value of the attribute `name` in no namespace.
    func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name && $0.namespace == nil }?.value
    }
}

/// An attribute of an XML element.
struct XMLAttribute: Sendable {
    var name: String
    var namespace: String?
    var value: String
}

/// A child of an XML element: an element, or character data (text and CDATA).
enum XMLChild: Sendable {
    case element(XMLElement)
    case text(String, line: Int)
}
