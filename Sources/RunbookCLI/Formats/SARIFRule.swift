import Diagnostics

/// A SARIF `reportingDescriptor`: what one rule id means, for code scanning's rule help.
struct SARIFRule: Codable, Equatable, Sendable {
    static let helpBase = "https://github.com/runbook/runbook/blob/main/docs/lint-rules.md"

    var id: String
    var name: String
    var shortDescription: SARIFLog.Text
    var fullDescription: SARIFLog.Text
    var defaultConfiguration: Configuration
    var helpUri: String

    struct Configuration: Codable, Equatable, Sendable {
        var level: String
    }
}

extension SARIFRule {
    /// The entry for `descriptor`, published under `id` (which differs for ShellCheck's codes).
    init(_ descriptor: RuleDescriptor, id: RuleID) {
        self.init(
            id: id.rawValue, name: Self.upperCamel(id.rawValue),
            shortDescription: SARIFLog.Text(text: descriptor.summary),
            fullDescription: SARIFLog.Text(text: descriptor.summary),
            defaultConfiguration: Configuration(level: descriptor.severity.rawValue),
            helpUri: Self.helpBase + "#" + id.rawValue.lowercased())
    }

    /// `unknown-field` → `UnknownField`: SARIF's `name` is an identifier-like form of the id.
    static func upperCamel(_ id: String) -> String {
        id.split { !$0.isLetter && !$0.isNumber }
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
    }
}
