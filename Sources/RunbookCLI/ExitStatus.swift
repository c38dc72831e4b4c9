import ArgumentParser
import Engine

/// Every exit status `runbook` uses, in one place, so scripts can rely on them.
public enum ExitStatus: Int32, CaseIterable, Sendable {
    /// Clean lint, or a run that finished and verified.
    case success = 0
    /// Lint found errors, or a step failed.
    case failure = 1
    /// Bad command line, or input that could not be read.
    case usage = 2
    /// The run's verify probes failed after every step ran.
    case verificationFailed = 3
    /// Refused before the first step: check, params, authorization or a precondition.
    case refused = 4
    /// Stopped by Ctrl-C or SIGTERM; the journal is resumable.
    case interrupted = 130

    public var exitCode: ExitCode { ExitCode(rawValue) }
}

extension ExitStatus {
    /// How a run's end maps to the process's exit status.
    init(_ status: RunStatus) {
        switch status {
        case .succeeded: self = .success
        case .failed: self = .failure
        case .verificationFailed: self = .verificationFailed
        case .refused: self = .refused
        case .interrupted: self = .interrupted
        }
    }
}
