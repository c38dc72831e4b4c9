import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs one program with stdin and stdout/stderr connected to files, and kills it when it
/// runs past a time limit, so a wedged tool can never hang `runbook lint`.
///
/// Files rather than pipes: nothing can fill a pipe buffer and block, and an early exit of
/// the child cannot raise SIGPIPE in this process.
struct TimedProcess {
    var executable: String
    var arguments: [String]
    var directory: String
    var timeout: Swift.Duration

    /// The exit status; throws when it could not start or was killed for taking too long.
    func run(stdin: String?, stdout: String, stderr: String) throws(ShellCheckFailure) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let input: FileHandle?
        let output: FileHandle
        let errors: FileHandle
        do {
            input = try stdin.map { try FileHandle(forReadingFrom: URL(fileURLWithPath: $0)) }
            output = try Self.create(stdout)
            errors = try Self.create(stderr)
        } catch {
            throw .scratch(error.localizedDescription)
        }
        defer {
            try? input?.close()
            try? output.close()
            try? errors.close()
        }
        process.standardInput = input ?? FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errors

        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw .launch(error.localizedDescription)
        }
        if finished.wait(timeout: .now() + timeout.dispatchInterval) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
            throw .timedOut(seconds: timeout.seconds)
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    private static func create(_ path: String) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        return try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }
}

fileprivate extension Swift.Duration {
    /// The duration in (fractional) seconds.
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }

    /// The duration for `DispatchSemaphore.wait(timeout:)`, in whole nanoseconds.
    var dispatchInterval: DispatchTimeInterval {
        .nanoseconds(Int(min(seconds * 1e9, Double(Int.max / 2))))
    }
}
