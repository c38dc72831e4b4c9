import Language

/// A place in a shell script that makes it more than a read: a destructive pattern
/// (`rm -rf`, `psql -c "DROP …"`, `redis-cli FLUSHDB`) or a possible write
/// (an unknown command, `curl -X POST`, `> file`).
public struct ShellFinding: Sendable, Hashable {
    /// UTF-8 byte offsets in the script (inside a quoted `-c` argument when the pattern is there).
    public var range: Range<Int>
    /// The pattern matched, e.g. `rm -r`, `psql DROP SCHEMA`, `redis-cli DEL`, `> file`.
    public var pattern: String
    /// `write` or `destructive`.
    public var effect: Effect
    /// Human words, e.g. "rm -r deletes a directory tree".
    public var reason: String

    /// Memberwise initializer.
    public init(range: Range<Int>, pattern: String, effect: Effect, reason: String) {
        self.range = range
        self.pattern = pattern
        self.effect = effect
        self.reason = reason
    }
}
