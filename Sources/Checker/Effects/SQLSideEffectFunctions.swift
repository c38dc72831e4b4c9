import Language

/// Built-in PostgreSQL functions that change the server when called, so that a
/// `SELECT` calling them is not a read (e.g. `SELECT pg_terminate_backend(pid)`).
/// Any function not listed here counts as read: user functions are not followed.
enum SQLSideEffectFunctions {
    /// Lower-cased function name → effect and what the call does.
    static let table: [String: (effect: Effect, does: String)] = [
        "pg_terminate_backend": (.write, "kills a server session"),
        "pg_cancel_backend": (.write, "cancels a running query"),
        "pg_reload_conf": (.write, "reloads the server configuration"),
        "pg_rotate_logfile": (.write, "rotates the server log"),
        "pg_switch_wal": (.write, "forces a WAL switch"),
        "pg_promote": (.write, "promotes a standby to primary"),
        "pg_wal_replay_pause": (.write, "pauses WAL replay"),
        "pg_wal_replay_resume": (.write, "resumes WAL replay"),
        "pg_create_restore_point": (.write, "writes a restore point"),
        "pg_create_physical_replication_slot": (.write, "creates a replication slot"),
        "pg_create_logical_replication_slot": (.write, "creates a replication slot"),
        "pg_drop_replication_slot": (.destructive, "drops a replication slot"),
        "pg_stat_reset": (.write, "resets statistics"),
        "pg_stat_reset_shared": (.write, "resets statistics"),
        "pg_stat_statements_reset": (.write, "resets statistics"),
        "pg_advisory_lock": (.write, "takes an advisory lock"),
        "pg_advisory_xact_lock": (.write, "takes an advisory lock"),
        "pg_try_advisory_lock": (.write, "takes an advisory lock"),
        "set_config": (.write, "changes a setting"),
        "setval": (.write, "changes a sequence"),
        "nextval": (.write, "advances a sequence"),
        "pg_notify": (.write, "sends a notification"),
        "dblink_exec": (.write, "runs a statement on another server"),
        "lo_import": (.write, "creates a large object"),
        "lo_export": (.write, "writes a server file"),
        "lo_unlink": (.destructive, "deletes a large object"),
        "pg_file_write": (.write, "writes a server file"),
        "pg_file_rename": (.write, "renames a server file"),
        "pg_file_unlink": (.destructive, "deletes a server file"),
    ]
}

extension SQLSideEffectFunctions {
    /// Upper-cased name → table name, to match the classifier's upper-cased words without allocating.
    static let namesByKeyword: [String: String] = Dictionary(
        uniqueKeysWithValues: table.keys.map { ($0.uppercased(), $0) })
}

extension SQLStatementClassifier {
    /// The strongest call in `range` to a function of `SQLSideEffectFunctions`, schema-qualified or not.
    func sideEffectCall(in range: Range<Int>, keyword: String) -> SQLVerdict? {
        var strongest: SQLVerdict?
        for index in range
        where index + 1 < range.upperBound && brackets[index + 1] == 1 && tokens[index + 1].text == "(" {
            let name: String
            if let word = words[index] {
                guard let lowered = SQLSideEffectFunctions.namesByKeyword[word] else { continue }
                name = lowered
            } else if tokens[index].kind == .quotedIdentifier {
                name = literalValue(tokens[index])
            } else {
                continue
            }
            guard let entry = SQLSideEffectFunctions.table[name] else { continue }
            let verdict = SQLVerdict(
                keyword: keyword, effect: entry.effect, reason: "\(keyword) calls \(name)(), which \(entry.does)")
            strongest = strongest.map { $0.strongest(verdict) } ?? verdict
        }
        return strongest
    }
}
