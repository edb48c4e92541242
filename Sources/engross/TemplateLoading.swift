import ArgumentParser
import Engross
import Templating

extension Engine {
    /// Template `id`, ready to use; prints every template problem and exits 2 when it is broken.
    func prepareOrExit(_ id: String) throws -> PreparedTemplate {
        do {
            return try prepare(id)
        } catch {
            throw reportBroken("template", id, error)
        }
    }
}

/// Prints why template or packet `id` cannot be used, and returns the usage-error exit: one line
/// when it is missing, else every problem with its source line.
func reportBroken(_ kind: String, _ id: String, _ error: TemplateErrors) -> ExitCode {
    if error.errors.count == 1, error.errors[0].reason == .notFound {
        Console.error("engross: \(error.errors[0].printableMessage)")
    } else {
        for problem in error.errors { Console.error(problem.descriptionWithSource) }
        Console.error("engross: the \(kind) '\(id)' has \(error.errors.count) problem\(error.errors.count == 1 ? "" : "s") (run `engross lint \(id)`); nothing was done")
    }
    return ExitCode(ExitStatus.usage)
}
