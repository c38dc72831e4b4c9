/// A SARIF `result`: one diagnostic, pointing at its rule by id and by index in the driver's rules.
struct SARIFResult: Codable, Equatable, Sendable {
    var ruleId: String
    var ruleIndex: Int
    /// `error`, `warning` or `note`, as runbook's severities are named.
    var level: String
    var message: SARIFLog.Text
    var locations: [SARIFLocation]
    /// The notes that point somewhere, each with an id and its message; absent when none do.
    var relatedLocations: [SARIFLocation]?
    /// `primaryLocationLineHash`, so code scanning follows an alert as lines move.
    var partialFingerprints: [String: String]
}
