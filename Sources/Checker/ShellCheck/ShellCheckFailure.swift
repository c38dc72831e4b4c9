/// Why ShellCheck produced no usable answer; the scripts it was given are then unchecked.
public enum ShellCheckFailure: Error, Sendable, Hashable, CustomStringConvertible {
    case notInstalled
    /// The private scratch directory or its files could not be written.
    case scratch(String)
    case launch(String)
    /// Killed after running past the runner's time limit, in seconds.
    case timedOut(seconds: Double)
    /// Exit status other than 0 (clean) or 1 (findings), with what it printed on stderr.
    case failed(status: Int32, stderr: String)
    case unreadableOutput(String)

    public var description: String {
        switch self {
        case .notInstalled: "ShellCheck is not installed"
        case .scratch(let reason): "could not write the scripts for ShellCheck: \(reason)"
        case .launch(let reason): "could not start ShellCheck: \(reason)"
        case .timedOut(let seconds): "ShellCheck did not finish within \(seconds.secondsText) s and was stopped"
        case .failed(let status, let stderr): "ShellCheck exited with status \(status): \(stderr)"
        case .unreadableOutput(let reason): "could not read ShellCheck's output: \(reason)"
        }
    }
}

private extension Double {
    /// `10` rather than `10.0`, `2.5` as is.
    var secondsText: String {
        rounded() == self ? String(Int(self)) : String(self)
    }
}
