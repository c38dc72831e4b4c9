import BackendKit
import Diagnostics
import Foundation
import Language
import Synchronization
import Testing
@testable import Engine

/// When a step's start line reaches the journal relative to its backend call: before the call
/// for a step that may change something, and, for a read-only step (written while its request
/// is out), still before its end line, whether the call succeeds, fails or throws.
@Suite struct StepJournalOrderTests {
    enum Ending: String, CaseIterable, Sendable {
        case succeeds, failsWithResult, throwsBackendError
    }

    @Test(arguments: Ending.allCases)
    func startLinesPrecedeTheirStepsAndEnds(_ ending: Ending) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-order-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let journalPath = folder.appendingPathComponent("run.jsonl").path
        let journal = try JournalWriter(path: journalPath)
        let backend = MemoryBackend(journalPath: journalPath, ending: ending)

        let status = await Runner(setup: try Self.setup(backend), runID: "r1", journal: journal).run()

        #expect(status == (ending == .succeeds ? .succeeded : .failed))
        let events = try JournalReader.read(journalPath)
        let shape = events.map { [$0.type.rawValue, $0.step ?? "", $0.status ?? ""].filter { !$0.isEmpty }.joined(separator: " ") }
        let lastStatus = ending == .succeeds ? "succeeded" : "failed"
        #expect(shape == [
            "run_started",
            "step_started look", "step_finished look succeeded",
            "step_started change", "step_finished change succeeded",
            "step_started look-again", "step_finished look-again \(lastStatus)",
            "run_finished \(ending == .succeeds ? "succeeded" : "failed")",
        ])
        #expect(events.map(\.seq) == Array(1...events.count))
        let lines = try Data(contentsOf: URL(fileURLWithPath: journalPath)).split(separator: 0x0A)
        for (line, event) in zip(lines, events.dropFirst()) {
            #expect(event.prev == JournalChain.hash(line), "the chain breaks before line \(event.seq)")
        }
        let calls = backend.calls.withLock { $0 }
        #expect(calls.map(\.sql) == ["select 1", "delete from t", "select 2"])
        // The writing step's start line was in the file before its statement ran.
        #expect(calls[1].startedLines == 2)
    }

    static func setup(_ backend: MemoryBackend) throws -> RunSetup {
        let text = """
        runbook: 1
        id: order
        title: Journal order
        level: 1
        targets:
          db: { backend: postgres, url: "postgres://app@127.0.0.1/app" }
        steps:
          - id: look
            postgres: { target: db, query: "select 1" }
          - id: change
            postgres: { target: db, sql: "delete from t" }
          - id: look-again
            postgres: { target: db, query: "select 2" }
        """
        let playbook = try #require(Frontend.parsePlaybook(SourceFile(path: "order.yaml", text: text)).playbook)
        var setup = RunSetup(
            playbook: playbook, playbookSHA256: "", bound: .init(params: [:], env: [:], redactor: Redactor(), shownParams: [:]),
            registry: BackendRegistry([backend]), observer: SilentObserver(), operatorIO: Refusing(), callees: .none,
            executor: "tester", environment: [:])
        setup.effects = ["look": .read, "change": .destructive, "look-again": .read]
        return setup
    }
}

/// Answers every request from memory and notes, for each call, how many step start lines
/// the journal file held at that moment.
final class MemoryBackend: Backend, BackendSession {
    struct Call: Sendable {
        var sql: String
        var startedLines: Int
    }

    let kind = "postgres"
    let journalPath: String
    let ending: StepJournalOrderTests.Ending
    let calls = Mutex<[Call]>([])

    init(journalPath: String, ending: StepJournalOrderTests.Ending) {
        self.journalPath = journalPath
        self.ending = ending
    }

    func connect(_ target: TargetSpec) async throws -> any BackendSession { self }

    func run(_ request: BackendRequest, output: OutputSink) async throws -> BackendResult {
        guard case .string(let sql)? = request.fields["query"] ?? request.fields["sql"] else {
            throw BackendError(.invalidRequest, "no statement")
        }
        let journal = (try? String(contentsOfFile: journalPath, encoding: .utf8)) ?? ""
        let started = journal.split(separator: "\n").filter { $0.contains(#""type":"step_started""#) }.count
        calls.withLock { $0.append(Call(sql: sql, startedLines: started)) }
        guard sql == "select 2" else { return BackendResult(outputs: ["row_count": .int(1)]) }
        switch ending {
        case .succeeds: return BackendResult(outputs: ["row_count": .int(1)])
        case .failsWithResult: return BackendResult(outputs: [:], failure: "relation does not exist")
        case .throwsBackendError: throw BackendError(.connection, "connection reset")
        }
    }

    func close() async {}
}

struct SilentObserver: RunObserver {
    func handle(_ event: RunEvent) {}
}

struct Refusing: Operator {
    func confirm(stepID: String, title: String, effect: Effect) async -> Bool { false }
    func complete(stepID: String, instructions: String?, checklist: [String]) async -> Bool { false }
}
