/// Replaces secret values by `***` in anything that leaves the process: terminal, journal, report.
public struct Redactor: Sendable {
    private var secrets: [String] = []

    public init(secrets: [String] = []) {
        for secret in secrets { add(secret) }
    }

    /// Registers a secret; values shorter than 3 characters are not redacted (they would
    /// blot out ordinary text) — the journal stores such params only as `***` anyway.
    public mutating func add(_ secret: String) {
        guard secret.count >= 3, !secrets.contains(secret) else { return }
        secrets.append(secret)
        secrets.sort { $0.count > $1.count }
    }

    public func redact(_ text: String) -> String {
        var out = text
        for secret in secrets where out.contains(secret) {
            out = out.replacingOccurrences(of: secret, with: "***")
        }
        return out
    }

    public var isEmpty: Bool { secrets.isEmpty }

    /// Redacts what either redacts (a child playbook's secrets join its parent's).
    public func merged(with other: Redactor) -> Redactor {
        var out = self
        for secret in other.secrets { out.add(secret) }
        return out
    }
}
