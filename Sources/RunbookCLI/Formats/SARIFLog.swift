/// The top of a SARIF 2.1.0 log as `--format sarif` writes it: one run of `runbook lint`.
///
/// Only the properties runbook fills are modelled; see `docs/lint-output.md`.
struct SARIFLog: Codable, Equatable, Sendable {
    static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    static let sarifVersion = "2.1.0"
    /// The base id that every relative artifact URI is resolved against: the checkout's root.
    static let sourceRoot = "%SRCROOT%"

    var schema: String
    var version: String
    var runs: [Run]

    enum CodingKeys: String, CodingKey {
        case schema = "$schema"
        case version, runs
    }

    /// One invocation of the tool and everything it found.
    struct Run: Codable, Equatable, Sendable {
        var tool: Tool
        var results: [SARIFResult]
        var artifacts: [Artifact]
        /// Where `%SRCROOT%` pointed when the log was written (a `file://` folder URI).
        var originalUriBaseIds: [String: SARIFLocation.ArtifactLocation]
        /// runbook counts columns in Unicode scalars, not SARIF's default UTF-16 code units.
        var columnKind: String
    }

    struct Tool: Codable, Equatable, Sendable {
        var driver: Driver
    }

    /// The tool itself and the rules its results refer to by `ruleIndex`.
    struct Driver: Codable, Equatable, Sendable {
        var name: String
        var version: String
        var informationUri: String
        var rules: [SARIFRule]
    }

    /// A file that was linted, whether or not it has results.
    struct Artifact: Codable, Equatable, Sendable {
        var location: SARIFLocation.ArtifactLocation
    }

    /// SARIF's `message` and `multiformatMessageString`, in their plain-text form.
    struct Text: Codable, Equatable, Sendable {
        var text: String
    }
}
