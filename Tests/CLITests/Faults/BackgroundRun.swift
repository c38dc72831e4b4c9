import Foundation
import Testing
import TestSupport

/// `runbook exec` (or `resume`) running in the background, so a test can break something
/// while a step runs and then read what the run said. Output goes to files, never a pipe
/// that could fill up while nobody reads it.
final class BackgroundRun {
    let process = Process()
    private let box: ExecSandbox
    private let stdout: URL
    private let stderr: URL

    /// `prefix` runs first and must `exec "$@"`, e.g. `["bash", "-c", "ulimit -f 16; exec \"$0\" \"$@\""]`.
    init(_ box: ExecSandbox, _ arguments: [String], environment: [String: String] = [:], prefix: [String] = []) throws {
        self.box = box
        let tag = UUID().uuidString.prefix(8)
        stdout = box.folder.appendingPathComponent("run-\(tag).out")
        stderr = box.folder.appendingPathComponent("run-\(tag).err")
        FileManager.default.createFile(atPath: stdout.path, contents: nil)
        FileManager.default.createFile(atPath: stderr.path, contents: nil)
        if prefix.isEmpty {
            process.executableURL = RunbookBinary.url
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = prefix + [RunbookBinary.url.path] + arguments
        }
        process.currentDirectoryURL = box.folder
        process.environment = box.environment.merging(environment) { $1 }
            .merging(["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "NO_COLOR": "1"]) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Waits until the journal says step `id` started (its `n`th attempt line).
    func waitUntilStarted(_ id: String, occurrence: Int = 1, within seconds: Double = 60) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let lines = (try? box.journals())?.joined(separator: "\n").split(separator: "\n") ?? []
            let started = lines.filter { $0.contains("\"type\":\"step_started\"") && $0.contains("\"step\":\"\(id)\"") }
            if started.count >= occurrence { return }
            guard process.isRunning else { break }
            usleep(20_000)
        }
        throw Failure("step \(id) did not start; the run said:\n\(read(stdout))\(read(stderr))")
    }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits for the run to end (killing it and failing when it hangs) and returns what it printed.
    func finish(within seconds: Double = 90) throws -> RunbookBinary.Output {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw Failure("the run hung for \(Int(seconds))s:\n\(read(stdout))\(read(stderr))")
        }
        process.waitUntilExit()
        return RunbookBinary.Output(status: process.terminationStatus, stdout: read(stdout), stderr: read(stderr))
    }

    private func read(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
