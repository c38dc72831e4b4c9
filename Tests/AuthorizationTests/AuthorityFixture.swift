import Authorization
import Crypto
import Diagnostics
import Foundation
import Language
import Testing

/// The test policy of Fixtures/ with freshly generated keys, and the fixture playbooks.
struct AuthorityFixture {
    static let names = ["olivia", "tara", "cora", "carl", "ian"]

    let keys: [String: SigningKey]
    let policy: Policy

    init() throws {
        var keys: [String: SigningKey] = [:]
        for name in Self.names { keys[name] = SigningKey() }
        var text = try Self.fixtureText("runbook.policy.yaml")
        for (name, key) in keys { text = text.replacingOccurrences(of: "KEY(\(name))", with: key.publicKey.description) }
        self.keys = keys
        let parsed = Frontend.parse(SourceFile(path: "runbook.policy.yaml", text: text))
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
        policy = try #require(parsed.policy)
    }

    static func fixtureText(_ name: String) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// A fixture playbook and the SHA-256 of its bytes.
    static func playbook(_ name: String) throws -> (playbook: Playbook, sha: String) {
        let text = try fixtureText(name)
        let parsed = Frontend.parse(SourceFile(path: name, text: text))
        let sha = SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
        return (try #require(parsed.playbook), sha)
    }

    func key(_ name: String) throws -> SigningKey { try #require(keys[name]) }
}
