import Language

/// A Redis command's effect and the words that explain it.
public struct RedisCommandEffect: Sendable, Hashable {
    /// The command as classified, upper-cased, e.g. `DEL` or `CONFIG SET`.
    public var command: String
    /// What the command does to the data: read, write or destructive.
    public var effect: Effect
    /// Human words, e.g. "FLUSHDB deletes every key in the selected database".
    public var reason: String

    /// Memberwise initializer.
    public init(command: String, effect: Effect, reason: String) {
        self.command = command
        self.effect = effect
        self.reason = reason
    }
}
