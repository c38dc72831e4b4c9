import BackendKit

/// `runbook report --format json`: the report's facts as one JSON document with sorted keys and
/// every documented member present (`null` when the journal does not say), described in
/// docs/report.md.
enum JSONReportRenderer {
    static let version = 1

    static func render(_ report: RunReport) -> String {
        // Control characters inside strings are escaped by the encoder; C1 ones are not, so the
        // document goes through the same filter as every other output.
        TerminalText.safe(StableJSON.encode(document(report)), keepingNewlines: true)
    }

    static func document(_ report: RunReport) -> Value {
        .object([
            "version": .int(version),
            "run": .string(report.runID),
            "status": .string(report.status),
            "title": optional(report.title),
            "playbook": optional(report.playbook),
            "playbook_id": optional(report.playbookID),
            "playbook_sha256": optional(report.playbookSHA256),
            "level": report.level.map(Value.int) ?? .null,
            "policy": optional(report.policy),
            "executor": optional(report.executor),
            "executor_key": optional(report.executorKey),
            "resumed_by": .array(report.resumptions.map { .object(["executor": .string($0.executor), "time": .string($0.time)]) }),
            "approvals": .array(report.approvals.map { approval in
                .object(["approver": .string(approval.approver), "role": .string(approval.role),
                         "reason": optional(approval.reason), "nonce": .string(approval.nonce),
                         "issued_at": .string(approval.issuedAt), "expires_at": .string(approval.expiresAt)])
            }),
            "params": .object(report.params.mapValues(Value.string)),
            "started_at": optional(report.startedAt),
            "ended_at": optional(report.endedAt),
            "duration_ms": report.durationMs.map(Value.int) ?? .null,
            "elapsed_ms": report.elapsedMs.map(Value.int) ?? .null,
            "timeline": .array(report.timeline.map { entry in
                .object(["seq": .int(entry.seq), "time": .string(entry.time), "type": .string(entry.type),
                         "step": optional(entry.step), "event": .string(entry.text.plain)])
            }),
            "steps": .array(report.steps.map { step in
                .object(["id": .string(step.id), "title": optional(step.title), "effect": optional(step.effect),
                         "status": .string(step.status), "attempts": .int(step.attempts),
                         "duration_ms": step.durationMs.map(Value.int) ?? .null, "message": optional(step.message),
                         "outputs": .object(step.outputs)])
            }),
            "preconditions": .array(report.preconditions.map(probe)),
            "verify": .array(report.verify.map(probe)),
            "journal": journal(report.journal),
        ])
    }

    private static func probe(_ probe: RunReport.Probe) -> Value {
        .object(["name": .string(probe.name), "status": .string(probe.status), "message": optional(probe.message),
                 "time": .string(probe.time)])
    }

    private static func journal(_ state: RunReport.JournalState) -> Value {
        .object(["checked": .bool(state.checked), "intact": .bool(state.intact), "problem": optional(state.problem),
                 "notes": .array(state.notes.map(Value.string)), "lines": state.lines.map(Value.int) ?? .null,
                 "signatures": .array(state.signatures.map(Value.string)), "policy": optional(state.policy),
                 "unreadable_lines": .array(state.unreadableLines.map(Value.int)), "summary": .string(state.summary)])
    }

    private static func optional(_ text: String?) -> Value { text.map(Value.string) ?? .null }
}
