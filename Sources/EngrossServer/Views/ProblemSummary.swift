/// The error summary's list at the top of a form page or of the review: one link per problem,
/// to the field it is about; a warning marked as such.
///
/// Written here rather than as a Mustache section so that the rest of the page has only text,
/// numbers and switches, which `PageFrames` splices without Mustache.
struct ProblemSummary {
    struct Problem {
        var text: String
        var href: String
        var warning: Bool
    }

    /// The `<li>` of every problem.
    static func html(_ problems: [Problem]) -> String {
        var html = HTMLText(capacity: 160 * problems.count)
        for problem in problems {
            html.markup(problem.warning ? "<li class=\"warning\"><a href=\"" : "<li class=\"\"><a href=\"")
            html.text(problem.href)
            html.markup("\">")
            html.text(problem.text)
            html.markup("</a></li>")
        }
        return html.string
    }
}
