import Language

/// Commands that run other commands: prefixes (`sudo`, `env`, `timeout`, `xargs`, …),
/// interpreters (`bash -c`), and remote or container execution (`ssh`, `docker exec`).
extension ShellAnalyzer {
    /// Findings for a command that delegates to another one; nil when `name` is not such a command.
    func delegate(
        _ name: String, _ arguments: ShellArguments, _ context: Context, span: Range<Int>, level: Int
    ) -> [ShellFinding]? {
        if let valueOptions = ShellAnalyzer.prefixCommands[name] {
            if name == "command", arguments.containsAny(["-v", "-V"]) { return [] }
            if name == "env",
                let split = arguments.words.firstIndex(where: { $0.text == "-S" || $0.text == "--split-string" }),
                split + 1 < arguments.words.count
            {
                return scan(text.text(of: arguments.words[split + 1]))
            }
            var start = arguments.firstOperand(valueOptions: valueOptions)
            if name == "env" {
                while start < arguments.words.count, arguments.words[start].isAssignment { start += 1 }
            }
            if name == "timeout" { start += 1 }  // the duration
            let inner = arguments.words(from: start)
            if inner.isEmpty {
                return name == "sudo" || name == "doas"
                    ? [finding(.write, name, "\(name) without a command opens a root shell (assumed write)", at: span)]
                    : []
            }
            if name == "xargs", let deletion = listDeletion(inner, via: "xargs") { return [deletion] }
            return analyze(inner, context, level: level + 1)
        }
        switch name {
        case _ where ShellVocabulary.shells.contains(name):
            return interpreterFindings(name, arguments, context, span: span)
        case "eval":
            return scan(text.joining(arguments.words))
        case "watch":
            let start = arguments.firstOperand(valueOptions: ["-n", "--interval", "-q", "--equexit"])
            let inner = arguments.words(from: start)
            if arguments.containsAny(["-x", "--exec"]) { return analyze(inner, context, level: level + 1) }
            return scan(text.joining(Array(inner)))
        case "flock":
            if let script = arguments.words.firstIndex(where: { $0.text == "-c" || $0.text == "--command" }),
                script + 1 < arguments.words.count
            {
                return scan(text.text(of: arguments.words[script + 1]))
            }
            let start = arguments.firstOperand(valueOptions: ["-w", "--timeout", "-E", "--conflict-exit-code"])
            return analyze(arguments.words(from: start + 1), context, level: level + 1)
        case "su":
            if let script = arguments.words.firstIndex(where: { $0.text == "-c" || $0.text == "--command" }),
                script + 1 < arguments.words.count
            {
                return scan(text.text(of: arguments.words[script + 1]))
            }
            return [finding(.write, "su", "su without -c opens a shell (assumed write)", at: span)]
        case "ssh":
            let start = arguments.firstOperand(valueOptions: ShellAnalyzer.sshValueOptions)
            let remote = Array(arguments.words(from: start + 1))
            guard !remote.isEmpty else {
                return [finding(.write, "ssh", "ssh without a command opens a remote shell (assumed write)", at: span)]
            }
            return scan(text.joining(remote))
        case "busybox":
            return analyze(arguments.words[...], context, level: level + 1)
        case "find":
            return findExecFindings(arguments, context, span: span, level: level)
        case "docker", "podman", "docker-compose", "kubectl", "oc":
            return containerExecFindings(name, arguments, context, span: span, level: level)
        case "psql", "mysql", "mariadb", "sqlite3", "clickhouse-client":
            return sqlClientFindings(name, arguments, context, span: span)
        case "redis-cli", "valkey-cli", "keydb-cli":
            return redisClientFindings(name, arguments, context, span: span)
        default:
            return nil
        }
    }

    /// Prefix commands → their options that take a value; the command to run follows.
    static let prefixCommands: [String: Set<String>] = [
        "sudo": [
            "-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-T", "-U", "--user", "--group", "--chdir",
            "--host", "--prompt", "--role", "--type", "--other-user", "--close-from", "--command-timeout",
        ],
        "doas": ["-u", "-C"],
        "env": ["-u", "--unset", "-C", "--chdir"],
        "nohup": [], "builtin": [], "setsid": [], "unbuffer": [], "command": [],
        "exec": ["-a"],
        "time": ["-f", "--format", "-o", "--output"],
        "nice": ["-n", "--adjustment"],
        "ionice": ["-c", "-n", "--class", "--classdata"],
        "stdbuf": ["-i", "-o", "-e", "--input", "--output", "--error"],
        "timeout": ["-s", "--signal", "-k", "--kill-after"],
        "xargs": [
            "-n", "-L", "-I", "-P", "-d", "-s", "-E", "-a", "--max-args", "--max-lines", "--replace",
            "--max-procs", "--delimiter", "--max-chars", "--eof", "--arg-file", "--process-slot-var",
        ],
    ]

    static let sshValueOptions: Set<String> = [
        "-b", "-c", "-D", "-E", "-e", "-F", "-I", "-i", "-J", "-L", "-l", "-m", "-O", "-o", "-p", "-Q", "-R", "-S",
        "-W", "-w", "-B",
    ]

    /// `bash -c 'script'` scans the script; `bash file` cannot be seen; `bash` alone reads stdin.
    private func interpreterFindings(
        _ name: String, _ arguments: ShellArguments, _ context: Context,
        span: Range<Int>
    ) -> [ShellFinding] {
        var index = 0
        var hasCommandFlag = false
        let values = arguments.values
        while index < values.count {
            let value = values[index]
            if value == "--" {
                index += 1
                break
            }
            if ["-o", "+o", "-O", "+O"].contains(value) {
                index += 2
                continue
            }
            guard value.count > 1, value.hasPrefix("-") || value.hasPrefix("+") else { break }
            if !value.hasPrefix("--"), value.dropFirst().contains("c") { hasCommandFlag = true }
            index += 1
        }
        if hasCommandFlag {
            guard index < arguments.words.count else {
                return [finding(.write, "\(name) -c", "\(name) -c without a script (assumed write)", at: span)]
            }
            return scan(text.text(of: arguments.words[index]))
        }
        if index < arguments.words.count {
            return [
                finding(
                    .write, "\(name) \(values[index])",
                    "runs the script file '\(values[index])', which the checker cannot see (assumed write)", at: span)
            ]
        }
        if let stdin = stdinText(context) { return scan(stdin) }
        return [
            finding(.write, name, "\(name) reads a script from stdin the checker cannot see (assumed write)", at: span)
        ]
    }

    /// `find … -delete` is destructive; `find … -exec CMD {} \;` takes the effect of CMD.
    private func findExecFindings(
        _ arguments: ShellArguments, _ context: Context, span: Range<Int>, level: Int
    ) -> [ShellFinding]? {
        let execs = ["-exec", "-execdir", "-ok", "-okdir"]
        guard arguments.containsAny(Set(execs)) else { return nil }
        var result: [ShellFinding] = []
        if arguments.contains("-delete") {
            result.append(finding(.destructive, "find -delete", "find -delete deletes every matching file", at: span))
        }
        var index = 0
        while index < arguments.values.count {
            guard execs.contains(arguments.values[index]) else {
                index += 1
                continue
            }
            let start = index + 1
            var end = start
            while end < arguments.values.count, arguments.values[end] != ";", arguments.values[end] != "+" { end += 1 }
            let inner = arguments.words[start..<end]
            if let deletion = listDeletion(inner, via: "find -exec") {
                result.append(deletion)
            } else {
                result += analyze(inner, context, level: level + 1)
            }
            index = end + 1
        }
        return result
    }

    /// `docker exec C cmd`, `docker compose exec S cmd`, `kubectl exec P -- cmd`: the inner command's effect.
    private func containerExecFindings(
        _ name: String, _ arguments: ShellArguments, _ context: Context, span: Range<Int>, level: Int
    ) -> [ShellFinding]? {
        var values = arguments.values[...]
        var offset = 0
        if name != "docker-compose", values.first == "compose" {
            values = values.dropFirst()
            offset = 1
        }
        guard values.first == "exec" else { return nil }
        let rest = ShellArguments(arguments.words(from: offset + 1))
        if name == "kubectl" || name == "oc" {
            guard let dashes = rest.values.firstIndex(of: "--") else {
                return [
                    finding(
                        .write, "\(name) exec", "\(name) exec without a command opens a shell (assumed write)", at: span
                    )
                ]
            }
            return analyze(rest.words(from: dashes + 1), context, level: level + 1)
        }
        let container = rest.firstOperand(valueOptions: [
            "-e", "--env", "--env-file", "-u", "--user", "-w", "--workdir",
            "--detach-keys", "--index",
        ])
        let inner = rest.words(from: container + 1)
        guard !inner.isEmpty else {
            return [finding(.write, "\(name) exec", "\(name) exec without a command (assumed write)", at: span)]
        }
        return analyze(inner, context, level: level + 1)
    }

    /// `xargs rm` and `find … -exec rm {} \;` delete a list of files only known at run time,
    /// like a wildcard: destructive even without `-r`.
    private func listDeletion(_ inner: ArraySlice<ShellWord>, via wrapper: String) -> ShellFinding? {
        guard let head = inner.first(where: { !$0.isAssignment }),
            ["rm", "unlink", "shred"].contains(ShellVocabulary.commandName(head.text)),
            let last = inner.last
        else { return nil }
        let name = ShellVocabulary.commandName(head.text)
        return finding(
            .destructive, "\(wrapper) \(name)",
            "\(wrapper) \(name) deletes every file in a list known only at run time",
            at: head.range.lowerBound..<last.range.upperBound)
    }

    /// What a command reads on stdin, when the script shows it: a here-document, a here-string,
    /// or the arguments of an `echo`/`printf` (or a `cat` here-document) piped into it.
    func stdinText(_ context: Context) -> ShellText? {
        if let text = literalInput(context.command) { return text }
        guard let previous = context.previous else { return nil }
        let words = previous.words.drop { $0.isAssignment }
        guard let head = words.first else { return nil }
        let arguments = ShellArguments(words.dropFirst())
        switch ShellVocabulary.commandName(head.text) {
        case "echo":
            let operands = arguments.words.drop {
                $0.text.count > 1 && $0.text.hasPrefix("-") && $0.text.dropFirst().allSatisfy { "neE".contains($0) }
            }
            return text.joining(Array(operands))
        case "printf":
            return text.joining(Array(arguments.words.drop { $0.text == "--" }))
        case "cat" where arguments.isEmpty || arguments.values == ["-"]:
            return literalInput(previous)
        default:
            return nil
        }
    }

    private func literalInput(_ command: ShellCommand) -> ShellText? {
        for (redirect, target) in command.redirects {
            if redirect.isHeredoc, let body = redirect.heredocBody { return text.slice(body) }
            if redirect.op == "<<<", let target { return text.text(of: target) }
        }
        return nil
    }
}
