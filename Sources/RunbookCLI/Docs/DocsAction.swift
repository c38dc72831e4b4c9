import Language

/// The exact command of a step or probe, as Markdown: a code block for scripts, SQL, Redis and
/// HTTP, a checklist for manual work, a quote for messages, a link for a called playbook.
struct DocsAction {
    let action: Action
    /// The called playbook (for `playbook:`), when it could be read.
    var callee: Playbook? = nil

    /// One line, for probes whose command fits on it; nil when it needs a block.
    var inline: String? {
        switch action {
        case .shell(let shell):
            let script = shell.run.asWritten.trimmingTrailingNewlines()
            guard !script.contains("\n"), shell.cwd == nil else { return nil }
            return Markdown.code(script) + Self.with(shell.env.map { ($0.name.value, $0.value) })
        case .postgres(let postgres):
            let text = postgres.text.asWritten.trimmingTrailingNewlines()
            guard !text.contains("\n") else { return nil }
            return Markdown.code(text) + " on " + Markdown.code(postgres.target.value) + Self.with(Self.arguments(postgres))
        case .redis(let redis):
            guard !redis.command.contains(where: { $0.asWritten.contains("\n") }) else { return nil }
            let command = redis.command.map { DocsWords.redisArgument($0.asWritten) }.joined(separator: " ")
            return Markdown.code(command) + " on " + Markdown.code(redis.target.value)
        case .http(let http):
            guard http.body == nil, http.json == nil, http.headers.isEmpty else { return nil }
            return Markdown.code("\(http.method.value) \(http.path.asWritten)") + " on " + Markdown.code(http.target.value)
        case .manual, .message, .wait, .playbook:
            return nil
        }
    }

    /// A lead line and the command in full; every line but blank ones starts with `indent`.
    func block(indent: String = "") -> String {
        let text: String
        switch action {
        case .shell(let shell):
            var out = "Run in bash" + (shell.cwd.map { " in " + Markdown.code($0.asWritten) } ?? "") + ":\n\n"
            out += Markdown.block(shell.run.asWritten, language: "bash")
            text = out + Self.list("With the environment:", shell.env.map { ($0.name.value, $0.value) })
        case .postgres(let postgres):
            text = "On \(Markdown.code(postgres.target.value)) (PostgreSQL):\n\n"
                + Markdown.block(postgres.text.asWritten, language: "sql")
                + Self.list("With the bound arguments:", Self.arguments(postgres))
        case .redis(let redis):
            text = "On \(Markdown.code(redis.target.value)) (Redis):\n\n" + Self.redis(redis.command)
        case .http(let http):
            var request = "\(http.method.value) \(http.path.asWritten)\n"
            for header in http.headers { request += "\(header.name.value): \(DocsWords.headerValue(header))\n" }
            if let json = http.json {
                if !http.headers.contains(where: { $0.name.value.lowercased() == "content-type" }) {
                    request += "Content-Type: application/json\n"
                }
                request += "\n" + DocsWords.json(json, indent: "", bareString: false) + "\n"
            } else if let body = http.body {
                request += "\n" + body.asWritten
            }
            text = "On \(Markdown.code(http.target.value)) (HTTP):\n\n" + Markdown.block(request, language: "http")
        case .manual(let manual):
            var out = "By hand: `runbook exec` shows this and waits until you confirm"
                + (manual.checklist.isEmpty ? ".\n" : " each item.\n")
            if let instructions = manual.instructions {
                out += "\n" + (instructions.isPreformatted ? Markdown.block(instructions.asWritten, language: "text")
                                                            : Markdown.lineBreaks(instructions.prose))
            }
            if !manual.checklist.isEmpty {
                out += "\n" + manual.checklist.map { "- [ ] " + $0.prose.trimmingTrailingNewlines() + "\n" }.joined()
            }
            text = out
        case .message(let message):
            let destination = message.to.map(\.asWritten) ?? "stdout"
            let lead = destination == "stdout" ? "Message (printed):" : "Message (appended to \(Markdown.code(destination))):"
            let template = message.template
            text = lead + "\n\n" + (template.isPreformatted ? Markdown.quoted(Markdown.block(template.asWritten, language: "text"))
                                                              : Markdown.quote(template.plainText))
        case .wait(let wait):
            text = "Wait \(wait.duration.value).\n"
        case .playbook(let call):
            let page = DocsSite.pagePath(forPlaybook: call.path.value)
            let name = callee?.title.value ?? call.path.value
            var out = "Run the playbook [\(Markdown.escaped(name))](\(page)) (\(Markdown.code(call.path.value))"
            if let callee { out += ", level \(callee.level.value)" }
            out += ") as a child run, in the same journal"
            out += call.params.isEmpty ? ".\n" : Self.list(", with:", call.params.map { ($0.name.value, $0.value) }, lead: "")
            text = out
        }
        return Self.indented(text, indent)
    }

    /// The command on one line; a multi-line argument (an `EVAL` script) stands there as
    /// `<argument N>` and follows in a block of its own.
    private static func redis(_ command: [Template]) -> String {
        let isScript = ["EVAL", "EVAL_RO", "SCRIPT", "FUNCTION"].contains(command.first?.asWritten.uppercased() ?? "")
        var line: [String] = []
        var blocks = ""
        for (index, argument) in command.enumerated() {
            let text = argument.asWritten
            guard text.contains("\n") else {
                line.append(DocsWords.redisArgument(text))
                continue
            }
            line.append("<argument \(index)>")
            blocks += "\nwhere " + Markdown.code("<argument \(index)>") + " is:\n\n"
                + Markdown.block(text, language: isScript ? "lua" : "text")
        }
        return Markdown.block(line.joined(separator: " "), language: "redis") + blocks
    }

    private static func arguments(_ postgres: PostgresAction) -> [(String, Template)] {
        guard case .query(_, let args) = postgres.body else { return [] }
        return args.enumerated().map { ("$\($0.offset + 1)", $0.element) }
    }

    /// `, with `A` = `…`` for one-line forms.
    private static func with(_ pairs: [(String, Template)]) -> String {
        pairs.isEmpty ? "" : ", with " + pairs.map { Markdown.code($0.0) + " = " + Markdown.code($0.1.asWritten) }.joined(separator: ", ")
    }

    /// A lead sentence and one bullet per pair; empty without pairs.
    private static func list(_ title: String, _ pairs: [(String, Template)], lead: String = "\n") -> String {
        guard !pairs.isEmpty else { return "" }
        return lead + title + "\n\n" + pairs.map { "- " + Markdown.code($0.0) + " = " + Markdown.code($0.1.asWritten) + "\n" }.joined()
    }

    private static func indented(_ text: String, _ indent: String) -> String {
        guard !indent.isEmpty else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : indent + $0 }.joined(separator: "\n")
    }
}
