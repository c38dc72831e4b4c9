import BackendKit
import Engine
import Foundation

/// One run as post-incident material, built from its journal alone: the journal is already
/// redacted, and nothing else (environment, playbook file) is read, so a report can hold no
/// secret the journal does not. `runbook report` renders it as Markdown or JSON.
struct RunReport: Sendable {
    struct Approval: Sendable {
        var approver: String
        var role: String
        var reason: String?
        var nonce: String
        /// UTC, ISO 8601.
        var issuedAt: String
        var expiresAt: String
    }

    struct Resumption: Sendable {
        var executor: String
        var time: String
    }

    struct Step: Sendable {
        var id: String
        var title: String?
        var effect: String?
        /// The last `step_finished` status; `declined` when a confirmation was refused, and
        /// `unfinished` when the step started but never finished (an interrupt or a crash).
        var status: String
        var attempts: Int
        var durationMs: Int?
        var message: String?
        var outputs: [String: Value]
        fileprivate var declinedPending = false
    }

    struct Probe: Sendable {
        var name: String
        var status: String
        var message: String?
        var time: String
    }

    struct Entry: Sendable {
        var seq: Int
        var time: String
        var type: String
        var step: String?
        var text: ReportPhrase
    }

    /// Whether `runbook log RUN --verify` would pass.
    struct JournalState: Sendable {
        /// False when no policy could be found to take keys from.
        var checked: Bool
        var problem: String?
        var notes: [String]
        var lines: Int?
        var signatures: [String]
        var policy: String?
        /// Line numbers that could not be read as events and are left out of the report.
        var unreadableLines: [Int]

        var intact: Bool { checked && problem == nil }

        /// The one-line verdict: "journal verified: …" or the problem.
        var summary: String {
            if !checked { return "not verified: \(problem ?? "no policy")" }
            if let problem { return "journal FAILED verification: \(problem)" }
            let by = signatures.isEmpty ? "" : ", signed by \(signatures.joined(separator: ", "))"
            return "journal verified: \(lines ?? 0) lines, hash chain intact\(by) (keys from \(policy ?? "?"))"
        }
    }

    var runID: String
    /// `succeeded`, `failed`, `verification_failed`, `refused`, `interrupted`, or `incomplete`.
    var status: String
    var title: String?
    var playbook: String?
    var playbookID: String?
    var playbookSHA256: String?
    var level: Int?
    var policy: String?
    var executor: String?
    var executorKey: String?
    var resumptions: [Resumption] = []
    var approvals: [Approval] = []
    var params: [String: String] = [:]
    var timeline: [Entry] = []
    var steps: [Step] = []
    var preconditions: [Probe] = []
    var verify: [Probe] = []
    var startedAt: String?
    var endedAt: String?
    /// The sum of every `run_finished` duration: the time the run spent running, across resumes.
    var durationMs: Int?
    /// From the first journal line to the last.
    var elapsedMs: Int?
    var journal: JournalState

    init(runID: String, events: [JournalEvent], journal: JournalState) {
        self.runID = runID
        self.journal = journal
        let record = RunRecord(id: runID, events: events)
        status = record.status
        if let start = record.start {
            title = start.title
            playbook = start.playbook
            playbookID = start.playbookID
            playbookSHA256 = start.playbookSHA256
            level = start.level
            policy = start.policy
            executor = start.executor
            executorKey = start.executorKey
            params = start.params ?? [:]
            approvals = (start.approvals ?? []).map {
                Approval(approver: $0.approver, role: $0.role, reason: $0.reason, nonce: $0.nonce,
                         issuedAt: Self.iso($0.issuedAt), expiresAt: Self.iso($0.expiresAt))
            }
            startedAt = start.time
        }
        endedAt = record.end?.time
        let finished = events.filter { $0.type == .runFinished }
        durationMs = finished.isEmpty ? nil : finished.reduce(0) { $0 + ($1.durationMs ?? 0) }
        if let first = events.first.flatMap({ Timestamp.parse($0.time) }), let last = events.last.flatMap({ Timestamp.parse($0.time) }) {
            elapsedMs = Int((last.timeIntervalSince(first) * 1000).rounded())
        }
        var order: [String] = []
        var byID: [String: Step] = [:]
        func update(_ id: String, _ change: (inout Step) -> Void) {
            if byID[id] == nil {
                order.append(id)
                byID[id] = Step(id: id, status: "unfinished", attempts: 0, outputs: [:])
            }
            change(&byID[id]!)
        }
        for event in events {
            timeline.append(Entry(seq: event.seq, time: event.time, type: event.type.rawValue, step: event.step,
                                  text: Self.describe(event)))
            let step = event.step ?? ""
            switch event.type {
            case .runResumed: resumptions.append(Resumption(executor: event.executor ?? "?", time: event.time))
            case .preconditionFinished: preconditions.append(Self.probe(event))
            case .verifyFinished: verify.append(Self.probe(event))
            case .stepStarted:
                update(step) {
                    $0.attempts += 1
                    $0.title = event.title ?? $0.title
                    $0.effect = event.effect ?? $0.effect
                    $0.status = "unfinished"
                    $0.declinedPending = false
                }
            case .confirmation:
                update(step) { $0.declinedPending = event.status == "declined" }
            case .stepFinished:
                update(step) {
                    $0.status = $0.declinedPending ? "declined" : event.status ?? "?"
                    $0.durationMs = event.durationMs
                    $0.message = event.message
                    $0.outputs = event.outputs ?? [:]
                }
            case .runStarted, .rollbackStarted, .runFinished: break
            }
        }
        steps = order.compactMap { byID[$0] }
    }

    /// The timeline sentence for one journal event.
    static func describe(_ event: JournalEvent) -> ReportPhrase {
        let step = event.step ?? "?"
        let message: ReportPhrase.Part? = event.message.map { .value(": " + clip($0)) }
        var phrase = ReportPhrase()
        switch event.type {
        case .runStarted:
            phrase = phrase + .text("run of ") + .name(event.playbookID ?? event.playbook ?? "?")
                + .text(" started by ") + .value(event.executor ?? "?")
            if let level = event.level { phrase = phrase + .text(" (level \(level))") }
            for (index, approval) in (event.approvals ?? []).enumerated() {
                phrase = phrase + .text(index == 0 ? ", approved by " : " and ") + .value(approval.approver)
                    + .text(" as ") + .value(approval.role)
            }
        case .runResumed:
            phrase = phrase + .text("run resumed by ") + .value(event.executor ?? "?")
        case .preconditionFinished, .verifyFinished:
            phrase = phrase + .text(event.type == .preconditionFinished ? "precondition " : "verification ")
                + .name(event.title ?? "?") + .text(" ") + .value(event.status ?? "?")
            if let message { phrase = phrase + message }
        case .stepStarted:
            phrase = phrase + .text("step ") + .name(step) + .text(" started")
            if let title = event.title, title != step { phrase = phrase + .text(": ") + .value(title) }
            if let effect = event.effect { phrase = phrase + .text(" [") + .value(effect) + .text("]") }
            if let attempt = event.attempt, attempt > 1 { phrase = phrase + .text(", attempt \(attempt)") }
        case .stepFinished:
            phrase = phrase + .text("step ") + .name(step) + .text(" ") + .value(event.status ?? "?")
            if event.status != "skipped" { phrase = phrase + .text(" in \(TerminalText.seconds(event.durationMs ?? 0))") }
            if let message { phrase = phrase + message }
        case .confirmation:
            phrase = phrase + .text("step ") + .name(step)
                + .text(event.status == "approved" ? " confirmed by " : " declined by ") + .value(event.executor ?? "?")
        case .rollbackStarted:
            phrase = phrase + .text("rollback started: ") + .value(event.message ?? "")
        case .runFinished:
            phrase = phrase + .text("run ended: ") + .value(event.status ?? "?")
                + .text(" after \(TerminalText.seconds(event.durationMs ?? 0))")
        }
        return phrase
    }

    private static func probe(_ event: JournalEvent) -> Probe {
        Probe(name: event.title ?? "?", status: event.status ?? "?", message: event.message, time: event.time)
    }

    /// A message cut to one readable line's worth for the timeline; the step table has it whole.
    static func clip(_ text: String, _ limit: Int = 240) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }

    /// Unix seconds as UTC ISO 8601.
    static func iso(_ seconds: Int) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// `HH:MM:SS` of a journal time (always UTC).
    static func clock(_ time: String) -> String {
        time.count >= 19 ? String(time.dropFirst(11).prefix(8)) : time
    }

    /// `YYYY-MM-DD` of a journal time.
    static func day(_ time: String) -> String {
        String(time.prefix(10))
    }

    /// `YYYY-MM-DD HH:MM:SS UTC`.
    static func moment(_ time: String) -> String {
        time.count >= 19 ? "\(day(time)) \(clock(time)) UTC" : time
    }
}
