/// The `max_keys` blast-radius budget of a redis step.
///
/// Only `DEL` and `UNLINK` are limited: their key arguments are counted before the command is
/// sent, and the command is refused (never run) when it names more keys than the budget.
/// Other commands are not limited (`FLUSHDB`, `FLUSHALL`, `GETDEL`, `EXPIRE`, scripts, …):
/// their reach cannot be told from the argv, so the checker's effect rules govern them instead.
enum RedisKeyBudget {
    static let limitedCommands: Set<String> = ["DEL", "UNLINK"]

    /// Why the command must not run, or nil when it fits the budget (or has none).
    static func refusal(for argv: [String], maxKeys: Int?) -> String? {
        guard let maxKeys, let name = argv.first, limitedCommands.contains(name.uppercased()) else {
            return nil
        }
        let keys = argv.count - 1
        guard keys > maxKeys else { return nil }
        return "would delete \(keys) \(keys == 1 ? "key" : "keys"), more than the step's budget of \(maxKeys)"
    }
}
