import Diagnostics

/// The driver's `rules`: only the rules that occur, sorted by id, so `ruleIndex` stays small and stable.
struct SARIFRuleTable: Sendable {
    private(set) var rules: [SARIFRule] = []
    private var indices: [RuleID: Int] = [:]

    init(diagnostics: [Diagnostic], descriptors: [RuleDescriptor]) {
        var severities: [RuleID: Severity] = [:]
        for diagnostic in diagnostics where severities[diagnostic.rule] == nil {
            severities[diagnostic.rule] = diagnostic.severity
        }
        for (index, id) in severities.keys.sorted().enumerated() {
            let fallback = RuleDescriptor(id, severities[id] ?? .warning, "runbook rule \(id)")
            rules.append(SARIFRule(Self.descriptor(for: id, in: descriptors) ?? fallback, id: id))
            indices[id] = index
        }
    }

    /// The position of `rule` in `rules`; every rule of the diagnostics given at init has one.
    func index(of rule: RuleID) -> Int {
        indices[rule] ?? 0
    }

    /// The descriptor of `id`, or of its family when `id` is a family prefix and a number
    /// (`SC2086` is described by `SC`), as the catalog lists ShellCheck's codes.
    static func descriptor(for id: RuleID, in descriptors: [RuleDescriptor]) -> RuleDescriptor? {
        if let exact = descriptors.first(where: { $0.id == id }) { return exact }
        return descriptors
            .filter { family in
                let rest = id.rawValue.dropFirst(family.id.rawValue.count)
                return id.rawValue.hasPrefix(family.id.rawValue) && !rest.isEmpty && rest.allSatisfy(\.isNumber)
            }
            .max { $0.id.rawValue.count < $1.id.rawValue.count }
    }
}
