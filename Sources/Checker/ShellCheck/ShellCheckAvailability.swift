/// Whether ShellCheck can be run, so a caller can say once per lint run that scripts went
/// unchecked instead of every playbook failing on its own.
public enum ShellCheckAvailability: Sendable, Hashable {
    /// Found; the absolute path of the executable that will run.
    case available(executable: String)
    /// Not found on `PATH`, or not executable at the explicit path given (`nil` for `PATH`).
    case notInstalled(explicitPath: String?)

    public var isAvailable: Bool {
        if case .available = self { return true }
        return false
    }

    /// The one line to show when scripts were not checked; nil when ShellCheck is available.
    public var notice: String? {
        switch self {
        case .available:
            return nil
        case .notInstalled(nil):
            return "ShellCheck is not installed; shell scripts were not checked (apt-get install shellcheck)"
        case .notInstalled(let path?):
            return "ShellCheck is not installed at \(path); shell scripts were not checked (apt-get install shellcheck)"
        }
    }
}
