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
        for secret in secrets {
            if secret.utf8.allSatisfy({ $0 < 0x80 }) {
                // Runs on every line a step prints: a byte search, not Foundation's. An ASCII
                // secret has no other canonically equivalent spelling to miss.
                if let replaced = Self.replacingBytes(of: secret, in: out) { out = replaced }
            } else if out.contains(secret) {
                out = out.replacingOccurrences(of: secret, with: "***")
            }
        }
        return out
    }

    /// `text` with every occurrence of `secret`'s bytes replaced by `***`; nil when there is none.
    private static func replacingBytes(of secret: String, in text: String) -> String? {
        let needle = Array(secret.utf8)
        guard let first = needle.first else { return nil }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var copied = 0
        var index = 0
        while index + needle.count <= bytes.count {
            if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) {
                out.append(contentsOf: bytes[copied..<index])
                out.append(contentsOf: "***".utf8)
                index += needle.count
                copied = index
            } else {
                index += 1
            }
        }
        guard copied > 0 else { return nil }
        out.append(contentsOf: bytes[copied...])
        return String(decoding: out, as: UTF8.self)
    }

    public var isEmpty: Bool { secrets.isEmpty }

    /// Redacts what either redacts (a child playbook's secrets join its parent's).
    public func merged(with other: Redactor) -> Redactor {
        var out = self
        for secret in other.secrets { out.add(secret) }
        return out
    }
}
