/// ShellCheck's severities, weakest first: the `level` of a comment and the `--severity` threshold.
public enum ShellCheckLevel: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case style, info, warning, error

    public static func < (lhs: ShellCheckLevel, rhs: ShellCheckLevel) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}
