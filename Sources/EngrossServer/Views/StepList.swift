/// A form's steps as the page's step navigation lists them: each a link, the current one marked,
/// each with its count of problems (an empty, hidden badge when there is none, which the script
/// fills as the user types).
///
/// Written here rather than as a Mustache section for the reason `FormControls` gives: a
/// section looks each of its tags up again for every step.
struct StepList {
    struct Step {
        var title: String
        var href: String
        var problems: Int
    }

    /// The `<li>` of every step; `current` counts from 1.
    static func html(_ steps: [Step], current: Int) -> String {
        var html = HTMLText(capacity: 256 * steps.count)
        for (index, step) in steps.enumerated() {
            let number = index + 1
            let isCurrent = number == current
            html.markup(isCurrent ? "<li class=\"current\"><a href=\"" : "<li class=\"\"><a href=\"")
            html.text(step.href)
            html.markup(isCurrent ? "\" aria-current=\"step\">" : "\" >")
            html.text(step.title)
            html.markup("</a> <span class=\"badge todo\" data-step-count=\"")
            html.number(number)
            if step.problems > 0 {
                html.markup("\">")
                html.number(step.problems)
                html.markup("<span class=\"visually-hidden\"> to fix</span></span></li>")
            } else {
                html.markup("\" hidden></span></li>")
            }
        }
        return html.string
    }
}
