/// One failed authorization check: a stable id for tests and scripts, and the sentence a
/// person reads, naming what failed and what would fix it.
public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Check: String, Sendable {
        case unknownPerson = "unknown-person"
        case noKey = "no-key"
        case wrongKey = "wrong-key"
        case executorRole = "executor-role"
        case malformedToken = "malformed-token"
        case unknownApprover = "unknown-approver"
        case signature
        case approverRole = "approver-role"
        case playbookChanged = "playbook-changed"
        case paramsChanged = "params-changed"
        case expired
        case notYetValid = "not-yet-valid"
        case selfApproval = "self-approval"
        case samePerson = "same-person"
        case missingApproval = "missing-approval"
        case replayed
        case effectLevel = "effect-level"
    }

    public var check: Check
    public var message: String

    public init(_ check: Check, _ message: String) {
        self.check = check
        self.message = message
    }

    public var description: String { "\(message) [\(check.rawValue)]" }
}
