/// "Did you mean …?" for misspelt names.
public enum Suggestions {
    /// The candidate closest to `name` (a case difference; or at most one edit for names of three
    /// letters or fewer, two up to eight letters, three for longer ones: "willToHelp" is three
    /// letters short of "willingToHelp"), if any.
    static func closest(to name: String, in candidates: [String]) -> String? {
        guard name.utf8.count <= longestName else { return nil }
        if let sameLetters = candidates.first(where: { $0.lowercased() == name.lowercased() }) { return sameLetters }
        let limit = name.count > 8 ? 3 : name.count > 3 ? 2 : 1
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(name.lowercased(), candidate.lowercased(), limit: limit)
            if distance <= limit, distance < name.count, distance < (best?.1 ?? .max) { best = (candidate, distance) }
        }
        return best?.0
    }

    /// The candidate path closest to `path` ("organization.phnoe" → "organization.phone"), comparing
    /// the whole path: a mistake in any part of it counts.
    public static func closestPath(to path: String, in candidates: [String]) -> String? {
        guard path.utf8.count <= longestName else { return nil }
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(path.lowercased(), candidate.lowercased(), limit: 3)
            if distance <= 3, distance < path.count / 3 + 1, distance < (best?.1 ?? .max) { best = (candidate, distance) }
        }
        return best?.0
    }

    /// Names longer than this (in UTF-8 bytes) get no suggestion: no field is named so, and
    /// comparing a key of megabytes with every field would take seconds.
    static let longestName = 256

    /// " (did you mean 'x'?)" or "".
    public static func didYouMean(_ name: String, in candidates: [String]) -> String {
        closest(to: name, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// Levenshtein distance, giving up (returning limit + 1) once it exceeds `limit`.
    static func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
        let a = Array(a), b = Array(b)
        if abs(a.count - b.count) > limit { return limit + 1 }
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            if current.min()! > limit { return limit + 1 }
            previous = current
        }
        return previous[b.count]
    }
}
