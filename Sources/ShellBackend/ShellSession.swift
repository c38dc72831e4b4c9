import BackendKit
import Subprocess

#if canImport(System)
import System
#else
import SystemPackage
#endif

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `shell` requests: each one is `/bin/bash -c SCRIPT` in a new session and process
/// group, with the request's `env` passed as environment variables, never as script text.
struct ShellSession: BackendSession {
    let grace: Duration

    /// Linux refuses a single argument longer than this (MAX_ARG_STRLEN).
    static let maxScriptBytes = 128 * 1024 - 1

    func run(_ request: BackendRequest, output: OutputSink) async throws -> BackendResult {
        guard let script = request.string("run") else {
            throw BackendError(.invalidRequest, "shell request has no `run` script")
        }
        guard script.utf8.count <= Self.maxScriptBytes, !script.utf8.contains(0) else {
            throw BackendError(.invalidRequest, "shell script is over 128 KiB or contains a NUL byte; put it in a file and run that")
        }
        let environment = try Self.environment(request.stringMap("env"))
        let directory = try request.string("cwd").map(Self.workingDirectory)
        if Task.isCancelled { throw Self.cancelled(escalated: false) }

        var options = PlatformOptions()
        options.createSession = true
        // Backstop only: the supervisor already sends SIGTERM and SIGKILL to the group.
        options.teardownSequence = [
            .send(signal: Signal(rawValue: 0), toProcessGroup: true, allowedDurationToNextStep: grace + .seconds(1))
        ]

        let supervisorTimeout = request.timeout
        let result: ExecutionResult<Supervisor.Outcome, SequenceOutput, SequenceOutput>
        do {
            result = try await withoutActuallyEscaping(output) { sink in
                let supervisor = Supervisor(grace: grace, timeout: supervisorTimeout, sink: sink)
                return try await Subprocess.run(
                    .path("/bin/bash"),
                    arguments: ["--noprofile", "--norc", "-c", script],
                    environment: environment,
                    workingDirectory: directory,
                    platformOptions: options,
                    input: .none,
                    output: .sequence,
                    error: .sequence
                ) { execution in
                    await supervisor.supervise(
                        leader: execution.processIdentifier.value,
                        stdout: execution.standardOutput,
                        stderr: execution.standardError
                    )
                }
            }
        } catch is CancellationError {
            throw Self.cancelled(escalated: false)
        } catch {
            throw BackendError(.failed, "could not run /bin/bash: \(error)")
        }

        let outcome = result.closureResult
        switch outcome.stop {
        case .timedOut(let escalated):
            let limit = request.timeout.map(Self.format) ?? "?"
            throw BackendError(.timeout, "timed out after \(limit); sent SIGTERM to the process group" + escalation(escalated))
        case .cancelled(let escalated):
            throw Self.cancelled(escalated: escalated, grace: grace)
        case nil:
            break
        }

        let exitCode: Int
        let failure: String?
        switch result.terminationStatus {
        case .exited(let code):
            exitCode = Int(code)
            failure = code == 0 ? nil : "exit status \(code)"
        case .signaled(let signal):
            exitCode = 128 + Int(signal)
            failure = "killed by \(ProcessGroup.name(ofSignal: signal))"
        }
        return BackendResult(
            outputs: ["exit_code": .int(exitCode), "stdout": .string(outcome.stdout), "stderr": .string(outcome.stderr)],
            failure: failure
        )
    }

    func close() async {}

    private func escalation(_ escalated: Bool) -> String {
        escalated ? ", then SIGKILL after the \(Self.format(grace)) grace period" : ""
    }

    private static func cancelled(escalated: Bool, grace: Duration = .zero) -> BackendError {
        BackendError(
            .cancelled,
            "cancelled; sent SIGTERM to the process group" + (escalated ? ", then SIGKILL after the \(format(grace)) grace period" : "")
        )
    }

    /// The inherited environment with the request's variables laid over it.
    private static func environment(_ variables: [String: String]) throws -> Environment {
        var overrides: [Environment.Key: String?] = [:]
        for (name, value) in variables {
            guard !name.isEmpty, !name.utf8.contains(UInt8(ascii: "=")), !name.utf8.contains(0),
                  let key = Environment.Key(rawValue: name)
            else { throw BackendError(.invalidRequest, "invalid environment variable name \(Value.string(name).json)") }
            guard !value.utf8.contains(0) else {
                throw BackendError(.invalidRequest, "environment variable \(name) contains a NUL byte")
            }
            overrides[key] = value
        }
        return .inherit.updating(overrides)
    }

    private static func workingDirectory(_ path: String) throws -> FilePath {
        var info = stat()
        guard !path.isEmpty, stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw BackendError(.invalidRequest, "working directory \(Value.string(path).json) does not exist or is not a directory")
        }
        return FilePath(path)
    }

    /// `2s`, `1.5s`, `250ms`, `5m`: how a playbook writes durations.
    static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if attoseconds == 0 {
            return seconds >= 60 && seconds % 60 == 0 ? "\(seconds / 60)m" : "\(seconds)s"
        }
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        if milliseconds < 1000 { return "\(milliseconds)ms" }
        let text = String(Double(milliseconds) / 1000)
        return text + "s"
    }
}
