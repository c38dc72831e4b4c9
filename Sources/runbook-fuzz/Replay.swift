import Diagnostics
import Foundation
import FuzzHarness

/// The replay driver of the normal build: runs saved inputs (crashes, corpus entries,
/// regression fixtures) through `LintOnce` without libFuzzer and says what each produced.
enum Replay {
    /// Replays each file (folders: the files directly inside them); 0 when all could be read.
    static func main(_ paths: [String]) -> Int32 {
        guard !paths.isEmpty else {
            FileHandle.standardError.write(Data("usage: runbook-fuzz FILE_OR_FOLDER...\n".utf8))
            return 2
        }
        var status: Int32 = 0
        for path in expand(paths) {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("\(path): cannot read the file\n".utf8))
                status = 1
                continue
            }
            let started = ContinuousClock.now
            let outcome = LintOnce.run(Array(data))
            let elapsed = ContinuousClock.now - started
            let found = outcome.diagnostics
            let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3
            print("\(path): \(data.count) bytes, \(found.count) diagnostics (\(found.errorCount) errors), "
                + "playbook \(outcome.checkedPlaybook ? "checked" : "not built"), "
                + "policy \(outcome.policyDiagnostics == nil ? "n/a" : outcome.checkedPolicy ? "checked" : "not built"), "
                + String(format: "%.1f ms", milliseconds))
        }
        return status
    }

    /// Files as given, and the regular files directly inside given folders, sorted.
    static func expand(_ paths: [String]) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files += names.sorted().map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        return files
    }

    /// Flushes standard output and ends the process with `status`.
    static func exit(_ status: Int32) -> Never {
        fflush(nil)
        Foundation.exit(status)
    }
}
