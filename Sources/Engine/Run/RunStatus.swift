/// How a run ended; each maps to a distinct exit status of `runbook exec`.
public enum RunStatus: String, Sendable, Codable {
    case succeeded
    /// A step failed (after its retries and any rollback).
    case failed
    /// Every step ran but a verify probe did not pass.
    case verificationFailed = "verification_failed"
    /// Stopped before the first step: params, authorization, or a precondition.
    case refused
    /// Ctrl-C or SIGTERM; the journal is resumable.
    case interrupted
}

/// How one step ended.
public enum StepStatus: String, Sendable, Codable {
    case succeeded, failed, skipped
    /// Its `when` was true and it ran no action (a confirmation was declined).
    case declined
}
