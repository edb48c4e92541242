import ArgumentParser
import Engross
import Templating

extension Engine {
    /// Template `id`, ready to use; prints every template problem and exits 2 when it is broken.
    func prepareOrExit(_ id: String) throws -> PreparedTemplate {
        do {
            return try prepare(id)
        } catch {
            if error.errors.count == 1, error.errors[0].reason == .notFound {
                Console.error("engross: \(error.errors[0].message)")
                throw ExitCode(ExitStatus.usage)
            }
            for problem in error.errors { Console.error(problem.descriptionWithSource) }
            Console.error("engross: the template '\(id)' has \(error.errors.count) problem\(error.errors.count == 1 ? "" : "s") (run `engross lint \(id)`); nothing was done")
            throw ExitCode(ExitStatus.usage)
        }
    }
}
