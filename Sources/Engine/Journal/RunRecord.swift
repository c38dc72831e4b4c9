import BackendKit
import Crypto
import Foundation

/// Facts about a run read back from its journal: for `runs`, `log`, `report` and `resume`.
public struct RunRecord: Sendable {
    public var id: String
    public var events: [JournalEvent]

    public init(id: String, events: [JournalEvent]) {
        self.id = id
        self.events = events
    }

    public var start: JournalEvent? { events.first { $0.type == .runStarted } }
    public var end: JournalEvent? { events.last { $0.type == .runFinished } }
    /// `succeeded`, `failed` …, or `incomplete` when the run never wrote its end (a crash).
    public var status: String { end?.status ?? "incomplete" }

    /// Where `resume` continues: finished steps keep their outputs; started-but-unfinished
    /// steps are listed so they run again only when idempotent or confirmed.
    public func resumePoint(confirmed: Set<String>) -> ResumePoint {
        var finished: [String: [String: Value]] = [:]
        var skipped: Set<String> = []
        var started: Set<String> = []
        for event in events {
            guard let step = event.step, !step.contains(".") else { continue }
            switch event.type {
            case .stepStarted: started.insert(step)
            case .stepFinished:
                started.remove(step)
                switch event.status {
                case StepStatus.succeeded.rawValue: finished[step] = event.outputs ?? [:]
                case StepStatus.skipped.rawValue: skipped.insert(step)
                default: started.insert(step)
                }
            default: break
            }
        }
        return ResumePoint(finished: finished, skipped: skipped, unfinished: started, confirmedRerun: confirmed,
                           startedAt: start?.time ?? Timestamp.now())
    }

    /// A run id that sorts by start time: `20261124-130512-level2-tenant-isolation-3fa2`.
    public static func newID(playbookID: String, now: Date = Date()) -> String {
        let suffix = String(UInt16.random(in: 0...UInt16.max), radix: 16)
        return "\(Timestamp.compact(now))-\(playbookID.prefix(40))-\(suffix)"
    }

    /// The SHA-256 of a file's bytes, hex.
    public static func sha256(_ bytes: [UInt8]) -> String {
        JournalChain.hex(SHA256.hash(data: bytes))
    }
}
