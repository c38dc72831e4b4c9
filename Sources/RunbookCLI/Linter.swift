import Diagnostics
import Language

/// Lints a set of files: parses each and collects every diagnostic with the sources to quote.
struct Linter {
    struct Report {
        var files: [String] = []
        var sources: [String: SourceFile] = [:]
        var diagnostics: [Diagnostic] = []
    }

    func lint(paths: [String]) throws(InputFiles.Problem) -> Report {
        var report = Report()
        for path in try InputFiles.collect(paths) {
            let source = try InputFiles.read(path)
            report.files.append(path)
            report.sources[path] = source
            report.diagnostics += Frontend.parse(source).diagnostics
        }
        report.diagnostics = report.diagnostics.sortedByLocation()
        return report
    }
}
