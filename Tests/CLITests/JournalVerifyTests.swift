import Crypto
import Foundation
import Testing
import TestSupport

/// `runbook log --verify`: an untouched journal passes; one changed byte, one removed line or
/// one inserted line fails at the right line.
@Suite(.serialized) struct JournalVerifyTests {
    static let playbook = """
        runbook: 1
        id: chain
        title: Three small steps
        level: 2
        authorization: { executor: senior_engineer }
        steps:
          - id: one
            title: One
            shell: { run: "echo one" }
          - id: two
            title: Two
            shell: { run: "echo two" }
          - id: three
            title: Three
            shell: { run: "echo three" }
        """

    enum Tampering: String, CaseIterable, Sendable {
        case none, byteChangedInLine3, line4Removed, line3Duplicated, startLineEdited, lastLineEdited, chainRewrittenAfterLine2

        var expected: String? {
            switch self {
            case .none: nil
            case .byteChangedInLine3: "line 3 was altered"
            case .line4Removed: "1 line was removed between line 3 and line 4"
            case .line3Duplicated: "line 4 was inserted"
            case .startLineEdited: "line 1 was altered: its signature by sam does not verify"
            case .lastLineEdited: "line 8 was altered: its signature by sam does not verify"
            case .chainRewrittenAfterLine2: "line 8 was altered: its signature by sam does not verify (or a line before it was changed and the chain rewritten)"
            }
        }

        func apply(_ lines: [String]) -> [String] {
            var lines = lines
            switch self {
            case .none: break
            case .byteChangedInLine3: lines[2] = lines[2].replacingOccurrences(of: "\"one\"", with: "\"One\"")
            case .line4Removed: lines.remove(at: 3)
            case .line3Duplicated: lines.insert(lines[2], at: 3)
            case .startLineEdited: lines[0] = lines[0].replacingOccurrences(of: "\"level\":2", with: "\"level\":1")
            case .lastLineEdited: lines[7] = lines[7].replacingOccurrences(of: "\"succeeded\"", with: "\"failed\"")
            case .chainRewrittenAfterLine2:
                lines[2] = lines[2].replacingOccurrences(of: "\"one\"", with: "\"One\"")
                for index in 3..<lines.count { lines[index] = Self.relinked(lines[index], to: lines[index - 1]) }
            }
            return lines
        }

        /// The line with its `prev` replaced by the hash of `previous`: what an attacker without
        /// the executor's key can redo.
        static func relinked(_ line: String, to previous: String) -> String {
            guard let range = line.range(of: #""prev":"[0-9a-f]{64}""#, options: .regularExpression) else { return line }
            return line.replacingCharacters(in: range, with: "\"prev\":\"\(sha256Hex(previous))\"")
        }
    }

    @Test(arguments: Tampering.allCases)
    func verifyFindsTheFirstTamperedLine(_ tampering: Tampering) throws {
        let box = try ExecSandbox()
        try box.write("chain.yaml", Self.playbook)
        let run = try box.runbook(["exec", "chain.yaml", "--no-tty"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let runs = box.state.appendingPathComponent("runs")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: runs.path).first)
        let path = runs.appendingPathComponent(name)
        let lines = try String(contentsOf: path, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 8, "start, 3 × (started, finished), end")
        try (tampering.apply(lines).joined(separator: "\n") + "\n").write(to: path, atomically: true, encoding: .utf8)

        let verified = try box.runbook(["log", String(name.dropLast(6)), "--verify"])
        if let expected = tampering.expected {
            #expect(verified.status == 1, "\(verified.stdout)\(verified.stderr)")
            #expect(verified.stderr.contains(": \(expected)"), "\(verified.stderr)")
        } else {
            #expect(verified.status == 0, "\(verified.stderr)")
            #expect(verified.stdout.contains("8 lines, hash chain intact, signed by sam (run_started), sam (run_finished)"), "\(verified.stdout)")
        }
    }

    @Test func aJournalSignedByAKeyThePolicyDoesNotListFails() throws {
        let box = try ExecSandbox()
        try box.write("chain.yaml", Self.playbook)
        #expect(try box.runbook(["exec", "chain.yaml", "--no-tty"]).status == 0)
        let runID = try #require(try FileManager.default.contentsOfDirectory(atPath: box.state.appendingPathComponent("runs").path).first?.dropLast(6))
        // Sam's key is rotated in the policy: the old journal no longer verifies against it.
        let fresh = try box.runbook(["keygen", "sam", "--out", box.folder.appendingPathComponent("rotated").path])
        let policyURL = box.folder.appendingPathComponent("runbook.policy.yaml")
        let policy = try String(contentsOf: policyURL, encoding: .utf8)
        let newKey = try #require(fresh.stdout.split(separator: "\"").dropFirst().first)
        let rotated = policy.split(separator: "\n").map { line in
            line.hasPrefix("  sam:") ? "  sam: { roles: [senior_engineer], key: \"\(newKey)\" }" : String(line)
        }.joined(separator: "\n")
        try rotated.write(to: policyURL, atomically: true, encoding: .utf8)
        let verified = try box.runbook(["log", String(runID), "--verify"])
        #expect(verified.status == 1)
        #expect(verified.stderr.contains("line 1 is signed with a key that is not sam's key in the policy"), "\(verified.stderr)")
    }
}

func sha256Hex(_ text: String) -> String {
    SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
}
