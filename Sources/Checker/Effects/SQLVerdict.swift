import Language

/// A classification before it is pinned to a source range.
struct SQLVerdict: Sendable, Hashable {
    var keyword: String
    var effect: Effect
    var reason: String

    static func read(_ keyword: String, _ reason: String) -> SQLVerdict {
        .init(keyword: keyword, effect: .read, reason: reason)
    }
    static func write(_ keyword: String, _ reason: String) -> SQLVerdict {
        .init(keyword: keyword, effect: .write, reason: reason)
    }
    static func destructive(_ keyword: String, _ reason: String) -> SQLVerdict {
        .init(keyword: keyword, effect: .destructive, reason: reason)
    }

    /// The stronger of two verdicts; on a tie the receiver wins.
    func strongest(_ other: SQLVerdict?) -> SQLVerdict {
        guard let other, other.effect > effect else { return self }
        return other
    }
}
