import Foundation

/// The real Python interpreter behind `python3` on PATH. A pyenv shim runs a dozen bash
/// scripts per start, which under load took 10 s and more for each test HTTP server.
public enum Python {
    public static let executable: String = {
        let found = try? TestProcess.run("/usr/bin/env", ["python3", "-c", "import sys; print(sys.executable)"])
        let path = found?.stdout.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return path.isEmpty ? "/usr/bin/python3" : path
    }()
}
