import BackendKit
import Foundation
import Synchronization
import Testing
@testable import ShellBackend

/// Collects what a backend streams to its `OutputSink`, for assertions on order and content.
final class LineRecorder: Sendable {
    private let storage = Mutex<[(BackendKit.OutputStream, String)]>([])

    var sink: OutputSink {
        { [self] stream, line in storage.withLock { $0.append((stream, line)) } }
    }

    func lines(_ stream: BackendKit.OutputStream) -> [String] {
        storage.withLock { $0.filter { $0.0 == stream }.map(\.1) }
    }

    /// Polls until `stream` has a line that satisfies `match`; throws after `seconds`.
    func waitForLine(_ stream: BackendKit.OutputStream = .stdout, seconds: Double = 10, where match: (String) -> Bool) async throws -> String {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if let line = lines(stream).first(where: match) { return line }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw ShellTestFailure(description: "no \(stream) line arrived within \(seconds)s; got \(lines(stream))")
    }
}

struct ShellTestFailure: Error, CustomStringConvertible {
    var description: String
}

/// Runs one script on a fresh session.
func runShell(
    _ script: String, env: [String: String] = [:], cwd: String? = nil, timeout: Duration? = nil,
    grace: Duration = .seconds(5), recorder: LineRecorder = LineRecorder()
) async throws -> BackendResult {
    let session = try await ShellBackend(grace: grace).connect(TargetSpec(name: "local", url: nil))
    var fields: [String: Value] = ["run": .string(script), "env": .object(env.mapValues(Value.string))]
    if let cwd { fields["cwd"] = .string(cwd) }
    let result = try await session.run(BackendRequest(kind: "shell", fields: fields, timeout: timeout), output: recorder.sink)
    await session.close()
    return result
}

/// A fresh directory under the system temporary directory, removed by the caller.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-shell-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// What /proc says about a pid: alive, a zombie (with its parent), or gone.
enum ProcessState: Equatable {
    case alive
    case zombie(parent: pid_t)
    case gone

    init(_ pid: pid_t) {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let paren = text.lastIndex(of: ")")
        else { self = .gone; return }
        let fields = text[text.index(after: paren)...].split(separator: " ")
        guard fields.count > 2 else { self = .gone; return }
        self = fields[0] == "Z" ? .zombie(parent: pid_t(fields[1]) ?? 0) : .alive
    }

    /// Dead, and not a zombie this test process would have to reap. (A killed grandchild
    /// is reparented to PID 1; whether PID 1 reaps it is the machine's business.)
    var isDeadAndNotOurs: Bool {
        switch self {
        case .gone: true
        case .zombie(let parent): parent != getpid()
        case .alive: false
        }
    }
}

/// Polls until every pid is dead and not left for us to reap; returns the states seen last.
func waitUntilDead(_ pids: [pid_t], seconds: Double = 3) async throws -> [pid_t: ProcessState] {
    let deadline = ContinuousClock.now + .seconds(seconds)
    var states: [pid_t: ProcessState] = [:]
    repeat {
        states = Dictionary(uniqueKeysWithValues: pids.map { ($0, ProcessState($0)) })
        if states.values.allSatisfy(\.isDeadAndNotOurs) { return states }
        try await Task.sleep(for: .milliseconds(50))
    } while ContinuousClock.now < deadline
    return states
}

/// Reads `name=PID` lines a script printed.
func pids(in lines: [String]) -> [String: pid_t] {
    var found: [String: pid_t] = [:]
    for line in lines {
        let parts = line.split(separator: "=", maxSplits: 1)
        if parts.count == 2, let pid = pid_t(parts[1]) { found[String(parts[0])] = pid }
    }
    return found
}
