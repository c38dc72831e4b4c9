import Diagnostics
import YAMLLoader

/// Readers for leaf values: each checks the node's kind and form and reports what was expected.
/// `what` names the value in messages; it is only worked out when there is something to report.
extension ParseContext {
    func string(_ node: YAMLNode?, _ what: @autoclosure () -> String) -> Located<String>? {
        guard let node else { return nil }
        guard let scalar = node.scalar, !scalar.isNull else {
            error(LanguageRules.wrongKind, "expected \(what()) to be a string, found \(node.kindDescription)",
                  at: node.range)
            return nil
        }
        return Located(scalar.value, at: node.range)
    }

    func int(_ node: YAMLNode?, _ what: @autoclosure () -> String) -> Located<Int>? {
        guard let node else { return nil }
        guard case .integer(let value)? = scalarValue(node), node.scalar?.style == .plain else {
            error(LanguageRules.invalidValue, "expected \(what()) to be a whole number, found \(describe(node))",
                  at: node.range)
            return nil
        }
        return Located(value, at: node.range)
    }

    func number(_ node: YAMLNode?, _ what: @autoclosure () -> String) -> Located<Double>? {
        guard let node else { return nil }
        switch scalarValue(node) {
        case .integer(let value)? where node.scalar?.style == .plain: return Located(Double(value), at: node.range)
        case .number(let value)? where node.scalar?.style == .plain: return Located(value, at: node.range)
        default:
            error(LanguageRules.invalidValue, "expected \(what()) to be a number, found \(describe(node))",
                  at: node.range)
            return nil
        }
    }

    func bool(_ node: YAMLNode?, _ what: @autoclosure () -> String) -> Located<Bool>? {
        guard let node else { return nil }
        if case .boolean(let value)? = scalarValue(node), node.scalar?.style == .plain {
            return Located(value, at: node.range)
        }
        var notes: [DiagnosticNote] = []
        if let text = node.scalar?.value.lowercased(), ["yes", "no", "on", "off", "y", "n"].contains(text) {
            notes.append(DiagnosticNote("YAML 1.2 reads '\(node.scalar?.value ?? "")' as a string; write true or false"))
        }
        error(LanguageRules.invalidValue, "expected \(what()) to be true or false, found \(describe(node))",
              at: node.range, notes: notes)
        return nil
    }

    func duration(_ node: YAMLNode?, _ what: @autoclosure () -> String) -> Located<Duration>? {
        guard let node else { return nil }
        guard let text = node.scalar?.value, let duration = Duration(parsing: text) else {
            error(LanguageRules.invalidValue,
                  "expected \(what()) to be a duration such as 30s, 5m or 1h, found \(describe(node))",
                  at: node.range)
            return nil
        }
        return Located(duration, at: node.range)
    }

    func choice<E: RawRepresentable & CaseIterable>(
        _ node: YAMLNode?, _ what: @autoclosure () -> String, as: E.Type
    ) -> Located<E>?
    where E.RawValue == String {
        guard let node else { return nil }
        guard let text = node.scalar?.value, let value = E(rawValue: text) else {
            let names = E.allCases.map(\.rawValue)
            var notes = [DiagnosticNote("expected one of: \(names.joined(separator: ", "))")]
            if let text = node.scalar?.value, let guess = Suggestion.closest(to: text, in: names) {
                notes.insert(DiagnosticNote("did you mean '\(guess)'?"), at: 0)
            }
            error(LanguageRules.invalidValue, "invalid \(what()) \(describe(node))", at: node.range, notes: notes)
            return nil
        }
        return Located(value, at: node.range)
    }

    /// A sequence of strings; a single string is accepted as a list of one.
    func stringList(_ node: YAMLNode?, _ what: @autoclosure () -> String) -> [Located<String>] {
        guard let node else { return [] }
        if let items = node.sequence {
            return items.compactMap { string($0, "each entry of \(what())") }
        }
        if let single = string(node, what()) { return [single] }
        return []
    }

    func sequence(_ node: YAMLNode?, _ what: @autoclosure () -> String) -> [YAMLNode] {
        guard let node else { return [] }
        guard let items = node.sequence else {
            if node.scalar?.isNull == true { return [] }
            error(LanguageRules.wrongKind, "expected \(what()) to be a list, found \(node.kindDescription)",
                  at: node.range)
            return []
        }
        return items
    }

    /// The entries of a mapping used as a dictionary (`params:`, `targets:`), in order.
    func entries(_ node: YAMLNode?, _ what: @autoclosure () -> String) -> [(name: Located<String>, value: YAMLNode)] {
        guard let node else { return [] }
        guard let pairs = node.mapping else {
            if node.scalar?.isNull == true { return [] }
            error(LanguageRules.wrongKind, "expected \(what()) to be a mapping of names, found \(node.kindDescription)",
                  at: node.range)
            return []
        }
        return pairs.compactMap { pair in
            guard let name = string(pair.key, "a name in \(what())") else { return nil }
            return (name, pair.value)
        }
    }

    func template(_ node: YAMLNode?, _ what: @autoclosure () -> String) -> Template? {
        guard let node else { return nil }
        guard let scalar = node.scalar, !scalar.isNull || scalar.style != .plain else {
            error(LanguageRules.wrongKind, "expected \(what()) to be a string, found \(node.kindDescription)",
                  at: node.range)
            return nil
        }
        let (template, diagnostics) = TemplateParser.parse(node, in: source)
        append(diagnostics)
        return template
    }

    func templates(_ node: YAMLNode?, _ what: @autoclosure () -> String) -> [NamedTemplate] {
        entries(node, what()).compactMap { entry in
            guard let value = template(entry.value, "'\(entry.name.value)' in \(what())") else { return nil }
            return NamedTemplate(name: entry.name, value: value)
        }
    }

    func templateList(_ node: YAMLNode?, _ what: @autoclosure () -> String) -> [Template] {
        sequence(node, what()).compactMap { template($0, "each entry of \(what())") }
    }

    /// Any YAML value, with templates parsed inside its strings.
    func templateValue(_ node: YAMLNode) -> TemplateValue? {
        switch node.kind {
        case .scalar(let scalar):
            if scalar.style != .plain { return template(node, "a value").map(TemplateValue.string) }
            switch scalarValue(node) {
            case .string?: return template(node, "a value").map(TemplateValue.string)
            case let value?: return .scalar(value, node.range)
            case nil: return nil
            }
        case .sequence(let items):
            return .array(items.compactMap(templateValue), node.range)
        case .mapping(let pairs):
            var out: [(key: String, value: TemplateValue)] = []
            for pair in pairs {
                guard let key = string(pair.key, "a key"), let value = templateValue(pair.value) else { continue }
                out.append((key.value, value))
            }
            return .object(out, node.range)
        }
    }

    /// Resolves a scalar the way YAML 1.2's core schema does.
    func scalarValue(_ node: YAMLNode) -> ScalarValue? {
        guard let scalar = node.scalar else { return nil }
        if scalar.style != .plain { return .string(scalar.value) }
        let text = scalar.value
        if scalar.isNull { return .null }
        switch text {
        case "true", "True", "TRUE": return .boolean(true)
        case "false", "False", "FALSE": return .boolean(false)
        default: break
        }
        if let value = Int(text) { return .integer(value) }
        if text.hasPrefix("0x"), let value = Int(text.dropFirst(2), radix: 16) { return .integer(value) }
        if text.hasPrefix("0o"), let value = Int(text.dropFirst(2), radix: 8) { return .integer(value) }
        if text.first.map({ $0.isNumber || $0 == "-" || $0 == "+" || $0 == "." }) == true,
           let value = Double(text), value.isFinite
        {
            return .number(value)
        }
        return .string(text)
    }

    /// "'abc'", "a mapping": what was found, for messages.
    func describe(_ node: YAMLNode) -> String {
        guard let scalar = node.scalar else { return node.kindDescription }
        if scalar.isNull { return "nothing" }
        let text = scalar.value.count > 40 ? String(scalar.value.prefix(40)) + "…" : scalar.value
        return "'\(text)'"
    }
}
