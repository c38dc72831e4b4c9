import BackendKit
import Foundation
import Language

/// Decides whether a probe's result satisfies its `expect`; nil means it does.
struct ExpectationCheck {
    let evaluator: Evaluator

    /// Why `result` fails `expect`, or nil. Without `expect`, the call's own success decides.
    func failure(of result: BackendResult, against expect: Expect?) -> String? {
        guard let expect else { return result.failure }
        let outputs = result.outputs
        if let code = expect.exitCode?.value, outputs["exit_code"]?.number != Double(code) {
            return "exit code \(outputs["exit_code"]?.text ?? "none"), expected \(code)"
        }
        if let stdout = expect.stdout, let problem = text(outputs["stdout"]?.text ?? "", stdout, "stdout") {
            return problem
        }
        if let status = expect.status?.value, outputs["status"]?.number != Double(status) {
            return "HTTP status \(outputs["status"]?.text ?? "none"), expected \(status)"
        }
        if let json = expect.json {
            let found = Self.lookup(json.path.value, in: outputs["json"] ?? .null)
            if let problem = compare(found, json.comparison, "\(json.path.value)") { return problem }
        }
        if let value = expect.value, let problem = compare(outputs["value"] ?? .null, value, "value") {
            return problem
        }
        if let body = expect.body, let problem = text(outputs["body"]?.text ?? "", body, "body") { return problem }
        if let latency = expect.latencyMs, let problem = compare(outputs["latency_ms"] ?? .null, latency, "latency_ms") {
            return problem
        }
        return nil
    }

    private func text(_ actual: String, _ expectation: TextExpectation, _ what: String) -> String? {
        if let contains = expectation.contains {
            let needle = evaluator.render(contains)
            if !actual.contains(needle) { return "\(what) does not contain '\(needle)'" }
        }
        if let pattern = expectation.matches?.value {
            guard let regex = try? NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]) else {
                return "invalid pattern \(pattern)"
            }
            if regex.firstMatch(in: actual, range: NSRange(actual.startIndex..., in: actual)) == nil {
                return "\(what) does not match /\(pattern)/"
            }
        }
        return nil
    }

    private func compare(_ actual: Value, _ comparison: Comparison, _ what: String) -> String? {
        switch comparison {
        case .equals(let expected):
            let wanted = evaluator.value(of: expected)
            return Evaluator.equal(actual, wanted) ? nil : "\(what) is \(Self.show(actual)), expected \(Self.show(wanted))"
        case .oneOf(let options):
            let wanted = options.map(evaluator.value(of:))
            return wanted.contains { Evaluator.equal(actual, $0) } ? nil
                : "\(what) is \(Self.show(actual)), expected one of \(wanted.map(Self.show).joined(separator: ", "))"
        case .greaterThan(let bound):
            guard let number = actual.number else { return "\(what) is \(Self.show(actual)), not a number" }
            return number > bound.value ? nil : "\(what) is \(Self.show(actual)), expected more than \(Self.show(.double(bound.value)))"
        case .lessThan(let bound):
            guard let number = actual.number else { return "\(what) is \(Self.show(actual)), not a number" }
            return number < bound.value ? nil : "\(what) is \(Self.show(actual)), expected less than \(Self.show(.double(bound.value)))"
        }
    }

    /// Follows a dot path with array indexes (`checks.db.status`, `items[0].id`).
    static func lookup(_ path: String, in root: Value) -> Value {
        var current = root
        for segment in path.split(separator: ".", omittingEmptySubsequences: true) {
            var name = Substring(segment)
            var indexes: [Int] = []
            while let open = name.lastIndex(of: "["), name.hasSuffix("]"),
                  let index = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]) {
                indexes.insert(index, at: 0)
                name = name[..<open]
            }
            if !name.isEmpty { current = current[String(name)] ?? .null }
            for index in indexes { current = current[index] ?? .null }
        }
        return current
    }

    static func show(_ value: Value) -> String {
        let text = value.json
        return text.count > 120 ? String(text.prefix(117)) + "…" : text
    }
}
