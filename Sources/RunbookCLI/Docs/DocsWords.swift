import Foundation
import Language

/// Playbook values said in words for the rendered runbook: effects, retries, expectations, JSON.
enum DocsWords {
    static func badge(_ effect: Effect) -> String {
        switch effect {
        case .read: "🟢 **read**"
        case .write: "🟠 **write**"
        case .destructive: "🔴 **destructive**"
        }
    }

    static func backend(_ name: String) -> String {
        switch name {
        case "postgres": "PostgreSQL"
        case "redis": "Redis"
        case "http": "HTTP"
        default: name
        }
    }

    /// `up to 6 attempts, 5s apart, doubling`.
    static func retry(_ retry: Retry) -> String {
        var out = "up to \(retry.attempts.value) attempts"
        if let interval = retry.interval { out += ", \(interval.value) apart" }
        if retry.backoff?.value == .exponential { out += ", doubling" }
        return out
    }

    /// Every condition of an `expect:`, joined; `succeeds` without one.
    static func expectation(_ expect: Expect?) -> String {
        guard let expect else { return "it succeeds" }
        var clauses: [String] = []
        if let code = expect.exitCode { clauses.append("it exits with code \(code.value)") }
        if let stdout = expect.stdout { clauses += text(stdout, subject: "its output") }
        if let status = expect.status { clauses.append("it answers HTTP \(status.value)") }
        if let json = expect.json {
            clauses.append("JSON field " + Markdown.code(json.path.value) + " " + comparison(json.comparison))
        }
        if let value = expect.value { clauses.append("the value " + comparison(value)) }
        if let body = expect.body { clauses += text(body, subject: "the body") }
        switch expect.latencyMs {
        case .lessThan(let bound)?: clauses.append("it answers in under \(number(bound.value)) ms")
        case let latency?: clauses.append("the latency in ms " + comparison(latency))
        case nil: break
        }
        guard let last = clauses.popLast() else { return "it succeeds" }
        return clauses.isEmpty ? last : clauses.joined(separator: ", ") + " and " + last
    }

    private static func text(_ expectation: TextExpectation, subject: String) -> [String] {
        var out: [String] = []
        if let contains = expectation.contains { out.append("\(subject) contains " + Markdown.code(contains.asWritten)) }
        if let matches = expectation.matches { out.append("\(subject) matches " + Markdown.code(matches.value)) }
        return out
    }

    static func comparison(_ comparison: Comparison) -> String {
        switch comparison {
        case .equals(let value): "is " + Markdown.code(json(value))
        case .oneOf(let values): "is one of " + Markdown.codeList(values.map { json($0) }, conjunction: "or")
        case .greaterThan(let bound): "is more than " + number(bound.value)
        case .lessThan(let bound): "is less than " + number(bound.value)
        }
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// A `json:` body or an `equals:` value as JSON text: keys in written order, templates as written.
    /// Strings print bare at the top level when `bareString` (an `equals: GREEN` reads as GREEN).
    static func json(_ value: TemplateValue, indent: String? = nil, bareString: Bool = true) -> String {
        switch value {
        case .string(let template): return bareString ? template.asWritten : quoted(template.asWritten)
        case .scalar(let scalar, _):
            if case .string(let text) = scalar { return bareString ? text : quoted(text) }
            return scalar.description
        case .array(let items, _):
            let parts = items.map { json($0, indent: indent.map { $0 + "  " }, bareString: false) }
            return wrap(parts, open: "[", close: "]", indent: indent)
        case .object(let pairs, _):
            let parts = pairs.map {
                quoted($0.key) + ": " + json($0.value, indent: indent.map { $0 + "  " }, bareString: false)
            }
            return wrap(parts, open: "{", close: "}", indent: indent)
        }
    }

    private static func wrap(_ parts: [String], open: String, close: String, indent: String?) -> String {
        guard !parts.isEmpty else { return open + close }
        guard let indent else { return open + parts.joined(separator: ", ") + close }
        let inner = indent + "  "
        return open + "\n" + parts.map { inner + $0 }.joined(separator: ",\n") + "\n" + indent + close
    }

    /// A JSON string literal (which redis-cli also reads as a quoted argument).
    private static func quoted(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        return (try? encoder.encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\(text)\""
    }

    /// A Redis argument as redis-cli would take it: with spaces or quotes, in double quotes.
    static func redisArgument(_ text: String) -> String {
        let plain = !text.isEmpty && !text.contains { $0 == " " || $0 == "\"" || $0 == "'" || $0 == "\\" || $0.isNewline }
        return plain ? text : quoted(text)
    }

    /// A header as written, except a literal credential (`Authorization: Bearer abc`), shown as `***`.
    static func headerValue(_ header: NamedTemplate) -> String {
        let name = header.name.value.lowercased()
        let sensitive = ["authorization", "token", "key", "cookie", "secret", "password"].contains { name.contains($0) }
        return sensitive && header.value.expressions.isEmpty ? "***" : header.value.asWritten
    }

    /// A URL as written, with a literal password in it (`scheme://user:pass@host`) shown as `***`.
    static func maskedURL(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard let at = authority.lastIndex(of: "@"),
              let colon = authority[..<at].firstIndex(of: ":") else { return url }
        let password = authority[authority.index(after: colon)..<at]
        guard !password.isEmpty, !password.hasPrefix("${{") else { return url }
        return String(url[..<authority.index(after: colon)]) + "***" + String(url[at...])
    }
}
