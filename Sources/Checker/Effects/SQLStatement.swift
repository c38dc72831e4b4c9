import Language

/// One SQL statement found in a step's text, with the effect it has on the database and why.
public struct SQLStatement: Sendable, Hashable {
    /// UTF-8 byte offsets in the SQL text, from the statement's first token to its last (comments excluded).
    public var range: Range<Int>
    /// The statement's leading keywords, e.g. `DELETE`, `DROP TABLE`, `ALTER TABLE … DROP`.
    public var keyword: String
    /// The statement's effect on the database.
    public var effect: Effect
    /// Human words for diagnostics, e.g. "DELETE without WHERE removes every row".
    public var reason: String

    /// Memberwise initializer.
    public init(range: Range<Int>, keyword: String, effect: Effect, reason: String) {
        self.range = range
        self.keyword = keyword
        self.effect = effect
        self.reason = reason
    }
}
