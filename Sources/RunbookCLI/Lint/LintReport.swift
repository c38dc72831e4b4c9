import Diagnostics

/// The outcome of linting: which files were read, their text, and every finding.
struct LintReport {
    var files: [String] = []
    var sources: [String: SourceFile] = [:]
    var diagnostics: [Diagnostic] = []
    /// Things to say once, outside any file (e.g. ShellCheck is missing).
    var notices: [String] = []

    mutating func add(file: String, source: SourceFile, diagnostics found: [Diagnostic]) {
        if sources[file] == nil { files.append(file) }
        sources[file] = source
        diagnostics += found
    }
}
