import Foundation

/// Runs the built `runbook` executable, as a user would, and captures what it prints.
public enum RunbookBinary {
    public typealias Output = TestProcess.Output

    /// The executable next to the test bundle (SwiftPM builds both into one folder).
    public static var url: URL {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = runner.deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("runbook")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
            folder.deleteLastPathComponent()
        }
        return Fixtures.repositoryRoot().appendingPathComponent(".build/debug/runbook")
    }

    /// Runs `runbook arguments…` in `directory` with `environment` added to a clean one;
    /// stdin is `stdin`, or closed at once.
    public static func run(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
        stdin: String? = nil
    ) throws -> Output {
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "NO_COLOR": "1"]
        env.merge(environment) { $1 }
        return try TestProcess.run(url.path, arguments, in: directory, environment: env, stdin: stdin ?? "")
    }
}
