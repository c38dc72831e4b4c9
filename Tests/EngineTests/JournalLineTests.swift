import Authorization
import BackendKit
import Foundation
import Testing
@testable import Engine

/// The hand-written journal encoder against JSONEncoder, which it replaced: same bytes where
/// the two agree on number formatting, and the same event read back in every case.
@Suite struct JournalLineTests {
    static func event(_ kind: JournalEvent.Kind, _ fill: (inout JournalEvent) -> Void) -> JournalEvent {
        var event = JournalEvent(seq: 7, time: "2026-11-24T20:11:22.123Z", type: kind, run: "20261124-201122-level2-3fa2")
        event.prev = JournalChain.genesis
        fill(&event)
        return event
    }

    static let approval = VerifiedApproval(ApprovalClaims(
        playbookID: "level3", playbookSHA256: String(repeating: "a", count: 64), paramsDigest: String(repeating: "b", count: 64),
        params: ["tenant": "greenwood_high"], approver: "bob", role: "incident_commander", issuedAt: 1_795_000_000,
        expiresAt: 1_795_003_600, nonce: "n-1", reason: "INC-42 \"grades\"/restore"))

    static let sameBytes: [JournalEvent] = [
        event(.stepStarted) { $0.step = "revoke"; $0.title = "Revoke sessions"; $0.effect = "write"; $0.attempt = 1 },
        event(.stepFinished) {
            $0.step = "parent.child"; $0.status = "failed"; $0.durationMs = 1234
            $0.message = "ERROR 42P01: relation \"t\" does not exist\nLINE 1: select * from t\n\t^ \u{1}\u{8}\u{C}\u{1F} \\ /x/ é 🚨"
            $0.outputs = ["rows": .array([.object(["name": "alice", "id": .int(3), "ok": .bool(true), "n": .null])]),
                          "row_count": .int(1), "stdout": "a/b \"c\"\n"]
        },
        event(.runStarted) {
            $0.playbook = "/work/playbooks/level3.yaml"; $0.playbookID = "level3"; $0.playbookSHA256 = String(repeating: "c", count: 64)
            $0.title = "Level 3: restore grades"; $0.level = 3; $0.params = ["tenant": "greenwood_high", "token": "***"]
            $0.executor = "alice"; $0.executorKey = "ed25519:AAAA+/="; $0.approvals = [approval]
            $0.policy = "/work/playbooks/runbook.policy.yaml"; $0.parent = "20261124-000000-x-1"
        },
        event(.confirmation) { $0.step = "drop"; $0.status = "approved"; $0.executor = "alice" },
        event(.runFinished) { $0.status = "succeeded"; $0.durationMs = 0; $0.executor = "alice" },
        event(.rollbackStarted) { $0.message = "" },
    ]

    static func reference(_ event: JournalEvent) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(event)
    }

    @Test(arguments: sameBytes)
    func writesWhatJSONEncoderWrote(_ event: JournalEvent) throws {
        let line = try JournalLine.encode(event)
        #expect(String(decoding: line, as: UTF8.self) == String(decoding: try Self.reference(event), as: UTF8.self))
    }

    @Test(arguments: sameBytes + [
        event(.stepFinished) { $0.step = "q"; $0.outputs = ["ratio": .double(0.1), "big": .double(1e300), "nan": .double(.nan)] },
        event(.stepFinished) { $0.step = "s"; $0.outputs = ["del": "\u{7F}", "sep": "\u{2028}", "nested": .object(["": .array([])])] },
    ])
    func readsBackAsTheSameEvent(_ event: JournalEvent) throws {
        let decoded = try JSONDecoder().decode(JournalEvent.self, from: try JournalLine.encode(event))
        var expected = event
        if case .double(let value)? = event.outputs?["nan"], value.isNaN { expected.outputs?["nan"] = .null }
        #expect(try Self.reference(decoded) == Self.reference(expected))
    }
}
