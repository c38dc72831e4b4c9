import BackendTestSupport
import Foundation
import TestSupport

/// A Python HTTP server on a port of 127.0.0.1 that the kernel picks (port 0), so it never
/// collides with another server or a client's ephemeral port; SIGKILLed when released.
final class PythonHTTPServer {
    let port: Int
    private let process = Process()

    /// `arguments` run under `python3 -u` with the port argument `0`; the server must print
    /// a line containing `port N` (http.server's own banner does) once it listens.
    init(_ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: Python.executable)
        process.arguments = ["-u"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let found = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var banner = ""
        DispatchQueue.global().async {
            let handle = pipe.fileHandleForReading
            while !banner.contains("\n") {
                let data = handle.availableData
                if data.isEmpty { break }
                banner += String(decoding: data, as: UTF8.self)
            }
            found.signal()
        }
        let announced = found.wait(timeout: .now() + 30) == .success
        guard announced, let range = banner.range(of: #"port (\d+)"#, options: .regularExpression),
              let port = Int(banner[range].dropFirst(5)) else {
            kill(process.processIdentifier, SIGKILL)
            throw TestServers.Missing(description: "the test HTTP server did not start: \(banner)")
        }
        self.port = port
        try TestServers.requireListening(port: port, name: "the test HTTP server")
    }

    deinit {
        // SIGKILL: a child started from a Swift worker thread inherits a mask that blocks SIGTERM.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
