import Language

/// Effect inference for Redis commands (language §5), from `RedisCommandTable`.
/// Names are case-insensitive.
public enum RedisEffects {
    /// The effect of a command name (`GET`) or container and subcommand (`CONFIG SET`);
    /// `nil` when unknown. A bare container (`CLIENT`) counts as its strongest subcommand.
    public static func effect(ofCommand name: String) -> Effect? {
        lookup(name.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init))?.effect
    }

    /// True when `name` (or `CONTAINER SUBCOMMAND`) is in the command table.
    public static func isKnown(_ name: String) -> Bool {
        effect(ofCommand: name) != nil
    }

    /// The effect of a whole command line (argv), honouring subcommands and modifiers that
    /// change it: `RESTORE … REPLACE`, `COPY … REPLACE`, `SORT … STORE`, `MIGRATE` without
    /// `COPY`, `REPLICAOF host port` (the replica discards its data) and commands named in an
    /// `EVAL` script's `redis.call(...)`. `nil` when the command is unknown.
    public static func effect(ofArguments argv: [String]) -> Effect? {
        classify(argv)?.effect
    }

    /// `effect(ofArguments:)` with the command name and a reason.
    public static func classify(_ argv: [String]) -> RedisCommandEffect? {
        guard let base = lookup(argv) else { return nil }
        let arguments = argv.dropFirst().map { $0.uppercased() }
        switch base.command {
        case "RESTORE" where arguments.dropFirst(3).contains("REPLACE"),
            "COPY" where arguments.dropFirst(2).contains("REPLACE"):
            return RedisCommandEffect(
                command: "\(base.command) … REPLACE", effect: .destructive,
                reason: "\(base.command) … REPLACE overwrites an existing key")
        case "MIGRATE" where !arguments.contains("COPY"):
            return RedisCommandEffect(
                command: "MIGRATE", effect: .destructive,
                reason: "MIGRATE without COPY removes the keys from this server")
        case "SORT", "GEORADIUS", "GEORADIUSBYMEMBER":
            guard arguments.contains("STORE") || arguments.contains("STOREDIST") else { return base }
            return RedisCommandEffect(
                command: "\(base.command) … STORE", effect: .write,
                reason: "\(base.command) … STORE writes the result to a key")
        case "REPLICAOF", "SLAVEOF":
            guard Array(arguments.prefix(2)) != ["NO", "ONE"] else {
                return RedisCommandEffect(
                    command: "\(base.command) NO ONE", effect: .write,
                    reason: "\(base.command) NO ONE promotes this replica to a primary")
            }
            return RedisCommandEffect(
                command: base.command, effect: .destructive,
                reason: "\(base.command) makes this server a replica, discarding its data")
        case "FUNCTION RESTORE" where arguments.contains("FLUSH"):
            return RedisCommandEffect(
                command: "FUNCTION RESTORE … FLUSH", effect: .destructive,
                reason: "FUNCTION RESTORE … FLUSH deletes the existing libraries")
        case "EVAL":
            return scriptEffect(argv.dropFirst().first ?? "").map { $0.effect > base.effect ? $0 : base } ?? base
        default:
            return base
        }
    }

    /// Table lookup of argv's command (and subcommand for containers), without modifiers.
    static func lookup(_ argv: [String]) -> RedisCommandEffect? {
        guard let first = argv.first?.uppercased(), !first.isEmpty else { return nil }
        if let subcommands = RedisCommandTable.containers[first] {
            guard argv.count > 1 else {
                let effect = subcommands.values.max() ?? .write
                return RedisCommandEffect(
                    command: first, effect: effect,
                    reason: "\(first) without a subcommand counts as its strongest subcommand")
            }
            let name = "\(first) \(argv[1].uppercased())"
            return subcommands[argv[1].uppercased()].map {
                RedisCommandEffect(command: name, effect: $0, reason: reason(name, $0))
            }
        }
        return RedisCommandTable.flat[first].map {
            RedisCommandEffect(command: first, effect: $0, reason: reason(first, $0))
        }
    }

    private static func reason(_ command: String, _ effect: Effect) -> String {
        if let description = RedisCommandTable.descriptions[command] { return "\(command) \(description)" }
        switch effect {
        case .read: return "\(command) only reads"
        case .write: return "\(command) changes data or server state"
        case .destructive: return "\(command) deletes data"
        }
    }

    /// The strongest command a Lua script names in `redis.call('…')` / `redis.pcall("…")`.
    static func scriptEffect(_ script: String) -> RedisCommandEffect? {
        var strongest: RedisCommandEffect?
        for marker in ["redis.call(", "redis.pcall("] {
            var rest = Substring(script)
            while let found = rest.firstRange(of: marker) {
                rest = rest[found.upperBound...].drop { $0 == " " }
                guard let quote = rest.first, quote == "'" || quote == "\"" else { continue }
                let name = rest.dropFirst().prefix { $0 != quote }
                guard let called = lookup([String(name)]), called.effect > (strongest?.effect ?? .read) else {
                    continue
                }
                strongest = RedisCommandEffect(
                    command: "EVAL", effect: called.effect,
                    reason: "the EVAL script calls \(called.command): \(called.reason)")
            }
        }
        return strongest
    }
}
