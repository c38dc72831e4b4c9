import Authorization
import Foundation
import Testing

/// Key files on disk and the used-nonce ledger.
@Suite struct KeyAndLedgerTests {
    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "runbook-auth-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func aWrittenKeyIsPrivateAndReadsBack() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let key = SigningKey()
        let path = folder + "/keys/alice.key"
        try KeyFile.write(key, name: "alice", to: path)
        let mode = try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        let read = try KeyFile.read(path)
        #expect(read.name == "alice")
        #expect(read.key.publicKey == key.publicKey)
        #expect(throws: KeyError.self) { try KeyFile.write(SigningKey(), name: "alice", to: path) }
        // Printing a key shows only its public half.
        #expect("\(read.key)" == "SigningKey(\(key.publicKey))")
    }

    @Test(arguments: [0o640, 0o604, 0o644, 0o660])
    func aKeyOthersCanReadIsRefused(mode: Int) throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/k.key"
        try KeyFile.write(SigningKey(), name: "k", to: path)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        let error = try #require(throws: KeyError.self) { try KeyFile.read(path) }
        #expect(error.description.contains("chmod 600"))
    }

    @Test func aNonceIsAcceptedOnceAndTheReplayNamesTheFirstRun() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = NonceLedger(stateDirectory: folder)
        #expect(try ledger.consume([("n1", "cora"), ("n2", "ian")], runID: "run-a").isEmpty)
        #expect(try ledger.consume([("n3", "cora"), ("n2", "ian")], runID: "run-b") == ["n2": "run-a"])
        // A refused batch records nothing: n3 is still unused.
        #expect(try ledger.consume([("n3", "cora")], runID: "run-c").isEmpty)
    }

    @Test func aTokenRoundTripsAndAnyChangedByteBreaksItsSignature() throws {
        let key = SigningKey()
        let claims = ApprovalClaims(playbookID: "p", playbookSHA256: "abc", paramsDigest: "d", params: [:], approver: "cora",
                                    role: "cto", issuedAt: 1, expiresAt: 2, nonce: "n", reason: nil)
        let token = try ApprovalToken(signing: claims, with: key)
        let parsed = try ApprovalToken(parsing: token.text)
        #expect(parsed.claims == claims)
        #expect(parsed.isSigned(by: key.publicKey))
        #expect(!parsed.isSigned(by: SigningKey().publicKey))
        var bytes = Array(token.text.utf8)
        let middle = bytes.count / 3
        bytes[middle] = bytes[middle] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let altered = String(decoding: bytes, as: UTF8.self)
        let stillSigned = (try? ApprovalToken(parsing: altered))?.isSigned(by: key.publicKey) ?? false
        #expect(!stillSigned)
    }
}
