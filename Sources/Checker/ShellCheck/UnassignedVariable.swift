/// ShellCheck findings that a variable is never assigned (SC2154) or may be a misspelling of
/// an assigned one (SC2153). Runbook sets the `env:` names before the script runs, so such
/// findings about a declared name are false and get dropped.
enum UnassignedVariable {
    static let codes: Set<Int> = [2153, 2154]

    /// The variable a finding is about, or nil when `comment` is not such a finding.
    ///
    /// From the message (`x is referenced but not assigned.`, `Possible misspelling: X may
    /// not be assigned. Did you mean Y?`), else from the script text at the finding (`$x`, `${x…}`).
    static func name(of comment: ShellCheckComment, text: Substring) -> String? {
        guard codes.contains(comment.code) else { return nil }
        let message = comment.message
        if let end = message.range(of: " is referenced but not assigned") {
            return String(message[..<end.lowerBound])
        }
        if let start = message.range(of: "Possible misspelling: "),
           let end = message.range(of: " may not be assigned", range: start.upperBound..<message.endIndex) {
            return String(message[start.upperBound..<end.lowerBound])
        }
        let name = text.drop { "$\"{#!".contains($0) }.prefix { $0 == "_" || $0.isLetter || $0.isNumber }
        return name.isEmpty ? nil : String(name)
    }
}
