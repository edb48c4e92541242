import CaseData
import Foundation

/// The date that `today()` and `max="today"` mean in a run.
///
/// `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds convention) fixes it, so that
/// the same template and case file always give the same bytes; otherwise it is the local date.
public enum RenderDate {
    /// Today's date for this run.
    public static func today(environment: [String: String] = ProcessInfo.processInfo.environment) -> CivilDate {
        if let epoch = environment["SOURCE_DATE_EPOCH"].flatMap(Int.init) {
            return CivilDate(daysSinceEpoch: epoch / 86_400)
        }
        let components = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: Date())
        return CivilDate(year: components.year!, month: components.month!, day: components.day!)!
    }
}
