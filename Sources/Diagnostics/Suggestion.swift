/// "Did you mean" help: the closest known word to a misspelt one.
public enum Suggestion {
    /// The candidate nearest to `word` by edit distance, if it is close enough to be a typo.
    public static func closest<S: Sequence>(to word: String, in candidates: S) -> String?
    where S.Element == String {
        let limit = max(1, min(3, word.count / 3 + 1))
        let lowered = Array(word.lowercased().unicodeScalars)
        var best: (String, Int)?
        for candidate in candidates {
            // Lints ask once per unknown name over every known one (thousands each in a hostile
            // policy, found by stress-testing the fuzz harness): skip the candidates that cannot
            // be within the limit, and stop a comparison once it is past it.
            let other = Array(candidate.lowercased().unicodeScalars)
            guard abs(other.count - lowered.count) <= limit else { continue }
            let distance = editDistance(lowered, other, stopAbove: min(limit, best?.1 ?? Int.max))
            guard distance <= limit else { continue }
            // Ties go to the alphabetically first, so the answer does not depend on the order
            // of a dictionary's keys (which Swift changes from one process to the next).
            if let (name, nearest) = best, distance > nearest || (distance == nearest && candidate >= name) { continue }
            best = (candidate, distance)
        }
        return best?.0
    }

    /// Levenshtein distance with adjacent transpositions counted as one edit.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars), stopAbove: Int.max)
    }

    /// The distance, or some value above `bound` as soon as two whole rows exceed it (every later
    /// entry is at least the smaller of the two rows' minimums).
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], stopAbove bound: Int) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        var previousMinimum = 0
        for i in 1...a.count {
            current[0] = i
            var minimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
                minimum = min(minimum, current[j])
            }
            if minimum > bound, previousMinimum > bound { return min(minimum, previousMinimum) }
            previousMinimum = minimum
            previous2 = previous
            previous = current
        }
        return previous[b.count]
    }
}
