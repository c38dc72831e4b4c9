import Authorization
import BackendKit
import Foundation
import Testing
import TestSupport
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
        let decoded = try JSONDecoder().decode(JournalEvent.self, from: Data(try JournalLine.encode(event)))
        var expected = event
        if case .double(let value)? = event.outputs?["nan"], value.isNaN { expected.outputs?["nan"] = .null }
        #expect(try Self.reference(decoded) == Self.reference(expected))
    }

    /// Text from the characters JSON escaping gets wrong: controls, quotes, backslashes, DEL,
    /// C1 controls, line separators, accents and emoji.
    static func text(_ random: inout SeededGenerator) -> String {
        let pool: [Unicode.Scalar] = (0..<0x20).compactMap(Unicode.Scalar.init) + ["\"", "\\", "/", "a", " ", "\u{7F}", "\u{85}",
            "\u{9B}", "\u{2028}", "\u{2029}", "é", "\u{301}", "\u{FEFF}", "🚨", "\u{10FFFF}"]
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...24, using: &random) {
            scalars.append(pool[Int.random(in: 0..<pool.count, using: &random)])
        }
        return String(scalars)
    }

    static func value(_ random: inout SeededGenerator, depth: Int = 0) -> Value {
        switch Int.random(in: 0..<(depth < 3 ? 7 : 5), using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .int(Int.random(in: Int.min...Int.max, using: &random))
        case 3: return .double(Double(Int32.random(in: .min ... .max, using: &random)) / 64)
        case 4: return .string(text(&random))
        case 5: return .array((0..<Int.random(in: 0...3, using: &random)).map { _ in value(&random, depth: depth + 1) })
        default:
            var fields: [String: Value] = [:]
            for _ in 0..<Int.random(in: 0...3, using: &random) { fields[text(&random)] = value(&random, depth: depth + 1) }
            return .object(fields)
        }
    }

    @Test func randomEventsReadBackAsThemselves() throws {
        var random = SeededGenerator(seed: 20_261_124)
        for _ in 0..<500 {
            let event = Self.event(.stepFinished) {
                $0.step = Self.text(&random)
                $0.message = Self.text(&random)
                $0.title = Self.text(&random)
                $0.outputs = ["value": Self.value(&random), Self.text(&random): Self.value(&random)]
            }
            let line = try JournalLine.encode(event)
            #expect(!line.contains(0x0A), "a journal line must stay one line")
            let decoded = try JSONDecoder().decode(JournalEvent.self, from: Data(line))
            #expect(try Self.reference(decoded) == Self.reference(event))
        }
    }
}
