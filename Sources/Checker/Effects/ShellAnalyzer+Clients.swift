import Language

/// Database clients whose text the checker can read: SQL given to `psql -c` (or a
/// here-document, here-string or piped `echo`) goes through `SQLEffects`; a `redis-cli`
/// command line goes through `RedisEffects`.
extension ShellAnalyzer {
    /// How a SQL client takes its statements.
    struct SQLClient {
        var sqlOptions: [String]
        var fileOptions: Set<String> = []
        var outputOptions: Set<String> = []
        var valueOptions: Set<String> = []
        /// Options that only print (`psql -l`): no SQL runs.
        var readOnlyOptions: Set<String> = ["--help", "--version", "-V"]
        /// The operand holding SQL (`sqlite3 db.sqlite "SELECT 1"`).
        var sqlOperand: Int?
    }

    static let sqlClients: [String: SQLClient] = [
        "psql": SQLClient(
            sqlOptions: ["-c", "--command"], fileOptions: ["-f", "--file"],
            outputOptions: ["-o", "--output", "-L", "--log-file"],
            valueOptions: [
                "-d", "--dbname", "-h", "--host", "-p", "--port", "-U", "--username", "-v", "--set",
                "--variable", "-P", "--pset", "-F", "--field-separator", "-R", "--record-separator",
                "-T", "--table-attr",
            ],
            readOnlyOptions: ["-l", "--list", "--help", "--version", "-V"]),
        "mysql": SQLClient(
            sqlOptions: ["-e", "--execute"],
            valueOptions: ["-u", "--user", "-h", "--host", "-P", "--port", "-D", "--database", "-S", "--socket"]),
        "clickhouse-client": SQLClient(
            sqlOptions: ["-q", "--query"],
            valueOptions: ["-h", "--host", "--port", "-u", "--user", "--password", "-d", "--database"]),
        "sqlite3": SQLClient(
            sqlOptions: [], valueOptions: ["-cmd", "-separator", "-newline", "-nullvalue"], sqlOperand: 1),
    ]

    func sqlClientFindings(
        _ name: String, _ arguments: ShellArguments, _ context: Context, span: Range<Int>
    ) -> [ShellFinding] {
        let client = ShellAnalyzer.sqlClients[name == "mariadb" ? "mysql" : name] ?? SQLClient(sqlOptions: [])
        var sqlTexts: [ShellText] = []
        var result: [ShellFinding] = []
        var readsFile = false
        var operands: [ShellWord] = []
        var index = 0
        let words = arguments.words
        while index < words.count {
            let value = words[index].text
            let next = index + 1 < words.count ? words[index + 1].text : ""
            if client.sqlOptions.contains(value), index + 1 < words.count {
                sqlTexts.append(text.text(of: words[index + 1]))
                index += 1
            } else if let option = client.sqlOptions.first(where: { attachedValue(value, option: $0) != nil }) {
                let word = text.text(of: words[index])
                let prefix = option.hasPrefix("--") ? option.utf8.count + 1 : option.utf8.count
                sqlTexts.append(word.slice(prefix..<word.bytes.count))
            } else if let file = optionValue(value, next: next, options: client.fileOptions) {
                if client.fileOptions.contains(value) { index += 1 }
                if file != "-" {
                    readsFile = true
                    result.append(
                        finding(
                            .write, "\(name) -f",
                            "\(name) runs the SQL file '\(file)', which the checker cannot see (assumed write)",
                            at: span))
                }
            } else if let file = optionValue(value, next: next, options: client.outputOptions) {
                if client.outputOptions.contains(value) { index += 1 }
                if !ShellVocabulary.harmlessTargets.contains(file) {
                    result.append(
                        finding(.write, "\(name) -o", "\(name) writes its output to the file '\(file)'", at: span))
                }
            } else if client.valueOptions.contains(value) {
                index += 1
            } else if !(value.count > 1 && value.hasPrefix("-")) {
                operands.append(words[index])
            }
            index += 1
        }
        if let position = client.sqlOperand, position < operands.count {
            sqlTexts.append(text.text(of: operands[position]))
        }
        for sql in sqlTexts { result += sqlFindings(sql, tool: name) }
        if sqlTexts.isEmpty, !readsFile {
            if arguments.options.contains(where: client.readOnlyOptions.contains) { return result }
            if let stdin = stdinText(context) { return result + sqlFindings(stdin, tool: name) }
            result.append(
                finding(
                    .write, name, "\(name) reads SQL from stdin or a file the checker cannot see (assumed write)",
                    at: span))
        }
        return result
    }

    /// The value of one of `options` given as `-f value`, `-fvalue` or `--file=value`.
    private func optionValue(_ value: String, next: String, options: Set<String>) -> String? {
        if options.contains(value) { return next }
        for option in options {
            if let attached = attachedValue(value, option: option) { return String(attached) }
        }
        return nil
    }

    /// `--command=SQL` or `-cSQL` for `option`.
    private func attachedValue(_ value: String, option: String) -> Substring? {
        if option.hasPrefix("--") {
            return value.hasPrefix(option + "=") ? value.dropFirst(option.count + 1) : nil
        }
        return value.hasPrefix(option) && value.count > option.count && !value.hasPrefix("--")
            ? value.dropFirst(option.count) : nil
    }

    /// Findings for SQL text: every statement stronger than a read. psql meta-commands
    /// (`\dt`, `\copy …`) are blanked out first; those that write (`\copy`, `\i`, `\!`, `\o`) are findings.
    func sqlFindings(_ sql: ShellText, tool: String) -> [ShellFinding] {
        var bytes = sql.bytes
        var result: [ShellFinding] = []
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != ASCII.newline { lineEnd += 1 }
            var first = lineStart
            while first < lineEnd, bytes[first] == ASCII.space || bytes[first] == ASCII.tab { first += 1 }
            if first < lineEnd, bytes[first] == ASCII.backslash {
                var nameEnd = first + 1
                while nameEnd < lineEnd, !ASCII.isSpace(bytes[nameEnd]) { nameEnd += 1 }
                let meta = String(decoding: bytes[first..<nameEnd], as: UTF8.self)
                if ShellAnalyzer.writingMetaCommands.contains(meta) {
                    result.append(
                        ShellFinding(
                            range: sql.original(first..<lineEnd), pattern: "\(tool) \(meta)", effect: .write,
                            reason: "\(meta) reads or writes files or runs commands (assumed write)"))
                }
                for offset in first..<lineEnd { bytes[offset] = ASCII.space }
            }
            lineStart = lineEnd + 1
        }
        let string = String(decoding: bytes, as: UTF8.self)
        let exact = string.utf8.count == bytes.count
        for statement in SQLEffects.statements(in: string) where statement.effect > .read {
            let range = exact ? sql.original(statement.range) : sql.original(0..<bytes.count)
            result.append(
                ShellFinding(
                    range: range, pattern: "\(tool) \(statement.keyword)", effect: statement.effect,
                    reason: statement.reason))
        }
        return result
    }

    static let writingMetaCommands: Set<String> = [
        "\\copy", "\\i", "\\ir", "\\include", "\\include_relative", "\\!", "\\o", "\\out", "\\w", "\\write", "\\gexec",
        "\\lo_import", "\\lo_unlink", "\\lo_export", "\\g",
    ]

    /// `redis-cli [options] CMD args…`; without a command, lines of a here-document or piped `echo`.
    func redisClientFindings(
        _ name: String, _ arguments: ShellArguments, _ context: Context, span: Range<Int>
    ) -> [ShellFinding] {
        let start = arguments.firstOperand(valueOptions: ShellAnalyzer.redisValueOptions)
        let options = Set(arguments.values.prefix(start))
        if let script = arguments.value(of: ["--eval"]) {
            return [
                finding(
                    .write, "\(name) --eval",
                    "runs the Lua script file '\(script)', which the checker cannot see (assumed write)", at: span)
            ]
        }
        if let file = arguments.value(of: ["--rdb", "--functions-rdb"]) {
            return [finding(.write, "\(name) --rdb", "writes a dump to the file '\(file)'", at: span)]
        }
        if options.contains("--cluster") {
            let sub = start < arguments.values.count ? arguments.values[start].lowercased() : ""
            return ["info", "check", "help"].contains(sub)
                ? []
                : [
                    finding(
                        .write, "\(name) --cluster", "\(name) --cluster \(sub) changes the cluster (assumed write)",
                        at: span)
                ]
        }
        let argv = Array(arguments.values.dropFirst(start))
        if !argv.isEmpty {
            return redisFindings(argv, tool: name, at: arguments.words[start].range.lowerBound..<span.upperBound)
        }
        if !options.isDisjoint(with: ShellAnalyzer.redisReadModes) { return [] }
        if let stdin = stdinText(context) {
            let found = redisLineFindings(stdin, tool: name)
            if !found.isEmpty || !stdin.bytes.isEmpty { return found }
        }
        return [
            finding(
                .write, name, "\(name) without a command reads commands the checker cannot see (assumed write)",
                at: span)
        ]
    }

    private func redisFindings(_ argv: [String], tool: String, at range: Range<Int>) -> [ShellFinding] {
        guard let classified = RedisEffects.classify(argv) else {
            let command = argv.first ?? ""
            return [
                finding(
                    .write, "\(tool) \(command)", "'\(command)' is not a known Redis command (assumed write)", at: range
                )
            ]
        }
        guard classified.effect > .read else { return [] }
        return [finding(classified.effect, "\(tool) \(classified.command)", classified.reason, at: range)]
    }

    /// One Redis command per line, words split like the shell does.
    private func redisLineFindings(_ input: ShellText, tool: String) -> [ShellFinding] {
        var result: [ShellFinding] = []
        for command in ShellCommandParser.commands(in: ShellLexer.tokens(in: input)) where !command.words.isEmpty {
            let argv = command.words.map(\.text)
            guard let classified = RedisEffects.classify(argv) else {
                result.append(
                    ShellFinding(
                        range: input.original(command.range), pattern: "\(tool) \(argv[0])", effect: .write,
                        reason: "'\(argv[0])' is not a known Redis command (assumed write)"))
                continue
            }
            guard classified.effect > .read else { continue }
            result.append(
                ShellFinding(
                    range: input.original(command.range), pattern: "\(tool) \(classified.command)",
                    effect: classified.effect, reason: classified.reason))
        }
        return result
    }

    static let redisValueOptions: Set<String> = [
        "-h", "-p", "-s", "-a", "-u", "-n", "-r", "-i", "-d", "-D", "--user", "--pass", "--cacert", "--cacertdir",
        "--cert",
        "--key", "--sni", "--pattern", "--count", "--quoted-pattern", "--memkeys-samples", "--pipe-timeout",
        "--tls-ciphers",
        "--tls-ciphersuites", "--eval", "--rdb", "--functions-rdb", "--intrinsic-latency",
    ]

    static let redisReadModes: Set<String> = [
        "--scan", "--bigkeys", "--memkeys", "--hotkeys", "--keystats", "--stat", "--latency", "--latency-history",
        "--latency-dist", "--intrinsic-latency", "--help", "--version", "-v",
    ]
}
