import Diagnostics
import YAMLLoader

/// Parses `preconditions:` and `verify:` probes with their expectations.
struct ProbeParser {
    let context: ParseContext

    func parseProbes(_ node: YAMLNode?, what: String) -> [Probe] {
        context.sequence(node, what).compactMap { parseProbe($0, in: what) }
    }

    /// Every key a probe may have: its own fields and one action.
    static let fields = ["name", "expect", "retry", "hold", "timeout"] + ActionKind.allCases.map(\.rawValue)

    private func parseProbe(_ node: YAMLNode, in list: String) -> Probe? {
        guard let fields = context.fields(of: node, in: "a probe in \(list)", allowed: Self.fields,
                                          required: ["name"])
        else { return nil }
        let name = context.string(fields["name"], "the probe name")
        let what = name.map { "probe '\($0.value)'" } ?? "a probe"
        guard let (kind, pair) = ActionParser.singleKind(in: fields, among: ActionKind.allCases, what: what,
                                                         context: context)
        else { return nil }
        guard ActionKind.probeKinds.contains(kind) else {
            let kinds = ActionKind.probeKinds.map(\.rawValue).joined(separator: ", ")
            context.error(LanguageRules.stepKind, "a probe cannot use '\(kind.rawValue)': probes call \(kinds)",
                          at: pair.key.range)
            return nil
        }
        guard let action = ActionParser(context: context).parse(kind, pair.value, what: what)
        else { return nil }
        let retry = fields["retry"].flatMap { RetryParser(context: context).retry($0) }
        let hold = fields["hold"].flatMap { RetryParser(context: context).hold($0) }
        if let retry, let hold {
            context.error(LanguageRules.invalidValue, "\(what) has both 'retry' and 'hold'; choose one",
                          at: fields.keyRange("hold") ?? hold.range, notes: [DiagnosticNote("retry passes on any attempt; hold needs every check to pass", at: retry.range)])
        }
        return Probe(
            name: name ?? Located("", at: node.range),
            action: action,
            expect: fields["expect"].flatMap(parseExpect),
            retry: retry,
            hold: hold,
            timeout: context.duration(fields["timeout"], "the timeout"),
            actionRange: pair.key.range,
            range: node.range)
    }

    private func parseExpect(_ node: YAMLNode) -> Expect? {
        guard let fields = context.fields(
            of: node, in: "expect",
            allowed: ["exit_code", "stdout", "status", "json", "value", "body", "latency_ms"])
        else { return nil }
        return Expect(
            exitCode: context.int(fields["exit_code"], "exit_code"),
            stdout: fields["stdout"].flatMap { text($0, "expect.stdout") },
            status: context.int(fields["status"], "status"),
            json: fields["json"].flatMap(json),
            value: fields["value"].flatMap { comparison($0, "expect.value", allowed: ["equals", "greater_than", "less_than", "in"]) },
            body: fields["body"].flatMap { text($0, "expect.body") },
            latencyMs: fields["latency_ms"].flatMap { comparison($0, "expect.latency_ms", allowed: ["less_than"]) },
            range: node.range)
    }

    private func text(_ node: YAMLNode, _ what: String) -> TextExpectation? {
        guard let fields = context.fields(of: node, in: what, allowed: ["contains", "matches"]) else { return nil }
        if !fields.has("contains"), !fields.has("matches") {
            context.error(LanguageRules.missingField, "\(what) needs 'contains' or 'matches'", at: node.range)
        }
        return TextExpectation(contains: context.template(fields["contains"], "contains"),
                               matches: context.string(fields["matches"], "the pattern"),
                               range: node.range)
    }

    private func json(_ node: YAMLNode) -> JSONExpectation? {
        let comparisons = ["equals", "in", "greater_than", "less_than"]
        guard let fields = context.fields(of: node, in: "expect.json", allowed: ["path"] + comparisons,
                                          required: ["path"]),
              let path = context.string(fields["path"], "the JSON path"),
              let comparison = comparison(fields, "expect.json", allowed: comparisons)
        else { return nil }
        return JSONExpectation(path: path, comparison: comparison, range: node.range)
    }

    private func comparison(_ node: YAMLNode, _ what: String, allowed: [String]) -> Comparison? {
        guard let fields = context.fields(of: node, in: what, allowed: allowed) else { return nil }
        return comparison(fields, what, allowed: allowed)
    }

    /// Exactly one comparison key among `allowed`.
    private func comparison(_ fields: Fields, _ what: String, allowed: [String]) -> Comparison? {
        let present = allowed.filter(fields.has)
        guard present.count == 1, let key = present.first, let node = fields[key] else {
            let at = present.count > 1
                ? fields.keyRange(present[1]) ?? fields.node.range : context.keyRange(of: fields.node)
            context.error(present.isEmpty ? LanguageRules.missingField : LanguageRules.invalidValue,
                          "\(what) needs exactly one of: \(allowed.joined(separator: ", "))", at: at)
            return nil
        }
        switch key {
        case "equals": return context.templateValue(node).map(Comparison.equals)
        case "in":
            return .oneOf(context.sequence(node, "'in'").compactMap(context.templateValue))
        case "greater_than": return context.number(node, "greater_than").map(Comparison.greaterThan)
        default: return context.number(node, "less_than").map(Comparison.lessThan)
        }
    }
}
