import Diagnostics
import YAMLLoader

/// Shared state of one parse: the source and the diagnostics collected so far.
final class ParseContext {
    let source: SourceFile
    private(set) var diagnostics: [Diagnostic] = []

    init(source: SourceFile) {
        self.source = source
    }

    func error(_ rule: RuleID, _ message: String, at range: SourceRange, notes: [DiagnosticNote] = []) {
        diagnostics.append(Diagnostic(.error, rule, message, at: range, notes: notes))
    }

    func warning(_ rule: RuleID, _ message: String, at range: SourceRange, notes: [DiagnosticNote] = []) {
        diagnostics.append(Diagnostic(.warning, rule, message, at: range, notes: notes))
    }

    func append(_ more: [Diagnostic]) {
        diagnostics += more
    }

    /// Reads `node` as a mapping with the given fields; reports unknown, duplicate-less and
    /// missing fields. Nil when the node is not a mapping.
    func fields(
        of node: YAMLNode, in what: @autoclosure () -> String, allowed: [String], required: [String] = []
    ) -> Fields? {
        guard let pairs = node.mapping else {
            error(LanguageRules.wrongKind, "expected \(what()) to be a mapping, found \(node.kindDescription)",
                  at: node.range)
            return nil
        }
        var fields = Fields(node: node, capacity: pairs.count)
        for pair in pairs {
            guard let key = pair.key.scalar?.value else {
                error(LanguageRules.wrongKind, "expected a field name, found \(pair.key.kindDescription)",
                      at: pair.key.range)
                continue
            }
            if key == "<<" { continue }  // reported once by the hygiene pass
            guard allowed.contains(key) else {
                var notes: [DiagnosticNote] = []
                if let guess = Suggestion.closest(to: key, in: allowed) {
                    notes.append(DiagnosticNote("did you mean '\(guess)'?"))
                } else {
                    notes.append(DiagnosticNote("\(what()) takes: \(allowed.joined(separator: ", "))"))
                }
                error(LanguageRules.unknownField, "unknown field '\(key)' in \(what())", at: pair.key.range,
                      notes: notes)
                continue
            }
            fields.record(key, pair)
        }
        for name in required where !fields.has(name) {
            error(LanguageRules.missingField, "\(what()) is missing the required field '\(name)'",
                  at: keyRange(of: node))
        }
        return fields
    }

    /// Where a mapping "is", for errors about it as a whole: its first key.
    func keyRange(of node: YAMLNode) -> SourceRange {
        node.mapping?.first?.key.range ?? node.range
    }
}

/// The recognised fields of one mapping. A mapping has a handful, so they are kept in order
/// and searched rather than hashed.
struct Fields {
    let node: YAMLNode
    private var names: [String] = []
    private var pairs: [YAMLPair] = []

    init(node: YAMLNode, capacity: Int = 0) {
        self.node = node
        names.reserveCapacity(capacity)
        pairs.reserveCapacity(capacity)
    }

    /// Keeps the first pair given for `name`.
    mutating func record(_ name: String, _ pair: YAMLPair) {
        guard !has(name) else { return }
        names.append(name)
        pairs.append(pair)
    }

    /// The pair of field `name`, when it was given.
    func pair(_ name: String) -> YAMLPair? {
        index(of: name).map { pairs[$0] }
    }

    subscript(name: String) -> YAMLNode? { pair(name)?.value }
    func keyRange(_ name: String) -> SourceRange? { pair(name)?.key.range }
    func has(_ name: String) -> Bool { index(of: name) != nil }

    private func index(of name: String) -> Int? {
        for index in names.indices where names[index] == name { return index }
        return nil
    }
}
