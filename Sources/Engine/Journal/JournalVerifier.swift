import Authorization
import Foundation

/// Checks a journal's hash chain and signatures and names the first line that was altered,
/// removed or inserted, for `runbook log --verify`.
public struct JournalVerifier: Sendable {
    /// The verdict: the first problem (later lines cannot be trusted after it), and notes
    /// that do not fail verification (a run that has not ended).
    public struct Report: Sendable {
        public var lines: Int
        public var problem: String?
        public var notes: [String]
        /// `name (kind)` for each verified signed line.
        public var signatures: [String]
        public var isIntact: Bool { problem == nil }
    }

    private struct Line {
        var bytes: Data
        var hash: String
        var event: JournalEvent?
    }

    /// The key the policy lists for a person, or nil when it lists none.
    let keyFor: @Sendable (String) -> PublicSigningKey?

    public init(keyFor: @escaping @Sendable (String) -> PublicSigningKey?) { self.keyFor = keyFor }

    public func verify(_ data: Data) -> Report {
        var notes: [String] = []
        var raw = data.split(separator: 0x0A, omittingEmptySubsequences: false).map { Data($0) }
        if raw.last?.isEmpty == true { raw.removeLast() } else if !raw.isEmpty {
            notes.append("line \(raw.count) is incomplete (a crash mid-write); it is not part of the chain")
            raw.removeLast()
        }
        let decoder = JSONDecoder()
        let lines = raw.map { Line(bytes: $0, hash: JournalChain.hash($0), event: try? decoder.decode(JournalEvent.self, from: $0)) }
        var report = Report(lines: lines.count, problem: nil, notes: notes, signatures: [])
        guard !lines.isEmpty else {
            report.problem = "the journal is empty"
            return report
        }
        for index in lines.indices {
            if let problem = linkProblem(lines, index) ?? signatureProblem(lines, index, &report.signatures) {
                report.problem = problem
                return report
            }
        }
        if lines[0].event?.type != .runStarted {
            report.problem = "line 1 is not the run's start"
        } else if lines.last?.event?.type != .runFinished {
            report.notes.append("the run has no end line: it is still running, it crashed, or its last lines were removed")
        }
        return report
    }

    /// Whether line `index` follows the one before it in the chain; if not, which line the
    /// break points to.
    private func linkProblem(_ lines: [Line], _ index: Int) -> String? {
        let number = index + 1
        guard let event = lines[index].event else { return "line \(number) is not a journal event (altered or inserted)" }
        let expectedPrev = index == 0 ? JournalChain.genesis : lines[index - 1].hash
        let previousSeq = index == 0 ? 0 : (lines[index - 1].event?.seq ?? 0)
        if event.prev == expectedPrev, event.seq == previousSeq + 1 { return nil }
        if index == 0 { return "line 1 was altered (it does not start the chain)" }
        if event.seq > previousSeq + 1, event.prev != expectedPrev {
            let count = event.seq - previousSeq - 1
            return "\(count) line\(count == 1 ? " was" : "s were") removed between line \(number - 1) and line \(number) (seq jumps from \(previousSeq) to \(event.seq))"
        }
        if index + 1 < lines.count, lines[index + 1].event?.prev == expectedPrev {
            return "line \(number) was inserted (line \(number + 1) follows line \(number - 1) in the chain)"
        }
        if index >= 2, event.prev == lines[index - 2].hash {
            return "line \(number - 1) was inserted (line \(number) follows line \(number - 2) in the chain)"
        }
        if event.seq <= previousSeq { return "line \(number) was inserted (it repeats seq \(event.seq))" }
        if event.prev != expectedPrev, index + 1 < lines.count, lines[index + 1].event?.prev != lines[index].hash {
            return "line \(number) was altered (neither of its links to the lines around it holds)"
        }
        if event.prev != expectedPrev {
            return "line \(number - 1) was altered (line \(number) records a different hash for it)"
        }
        return "line \(number) was altered (seq \(event.seq) where \(previousSeq + 1) belongs)"
    }

    /// Start, resume and end lines must carry a signature that the policy's key for their
    /// executor verifies.
    private func signatureProblem(_ lines: [Line], _ index: Int, _ signatures: inout [String]) -> String? {
        guard let event = lines[index].event, JournalChain.signedKinds.contains(event.type) else { return nil }
        let number = index + 1
        let who = event.executor ?? "?"
        guard let (unsigned, signature) = JournalChain.detachSignature(lines[index].bytes) else {
            return "line \(number) (\(event.type.rawValue)) carries no signature"
        }
        guard let key = keyFor(who) else {
            return "line \(number) is signed by '\(who)', whom the policy lists without a key"
        }
        guard event.executorKey == key.description else {
            return "line \(number) is signed with a key that is not \(who)'s key in the policy"
        }
        guard key.verifies(signature, for: unsigned) else {
            return "line \(number) was altered: its signature by \(who) does not verify"
                + (event.type == .runFinished ? " (or a line before it was changed and the chain rewritten)" : "")
        }
        signatures.append("\(who) (\(event.type.rawValue))")
        return nil
    }
}
