import Foundation

/// Runs ShellCheck on bash scripts and returns its findings, one list per script.
///
/// Several scripts go to one ShellCheck process as separate files (it checks each file on
/// its own, and one process is several times faster than one per script); a single script
/// goes on stdin. Every run is killed after `timeout`, so lint cannot hang.
public struct ShellCheckRunner: Sendable {
    public let availability: ShellCheckAvailability
    /// The weakest level reported (`--severity`).
    public var minimumLevel: ShellCheckLevel
    public var timeout: Swift.Duration
    /// One process for all scripts of a call (the default) or one process per script.
    public var batched: Bool

    /// Finds `shellcheck` on `PATH`, or uses `executable` (a path, or a name looked up on `PATH`).
    public init(
        executable: String? = nil,
        minimumLevel: ShellCheckLevel = .style,
        timeout: Swift.Duration = .seconds(10),
        batched: Bool = true,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        let name = executable ?? "shellcheck"
        if let found = Self.locate(name, path: environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin") {
            availability = .available(executable: found)
        } else {
            availability = .notInstalled(explicitPath: executable)
        }
        self.minimumLevel = minimumLevel
        self.timeout = timeout
        self.batched = batched
    }

    /// The arguments every run passes before the file names: bash, `json1`, no `.shellcheckrc`
    /// (results must not depend on where the temporary files happen to live).
    var baseArguments: [String] {
        ["--shell=bash", "--format=json1", "--severity=\(minimumLevel.rawValue)", "--norc"]
    }

    /// Findings for one script, passed on stdin.
    public func check(_ script: String) throws(ShellCheckFailure) -> [ShellCheckComment] {
        let results = try check([script])
        return results.first ?? []
    }

    /// Findings for each of `scripts`, in the same order.
    public func check(_ scripts: [String]) throws(ShellCheckFailure) -> [[ShellCheckComment]] {
        guard case .available(let executable) = availability else { throw .notInstalled }
        guard !scripts.isEmpty else { return [] }
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let names = try scripts.indices.map { index throws(ShellCheckFailure) in
            let name = "script-\(index + 1).sh"
            try scratch.write(scripts[index], to: name)
            return name
        }
        if scripts.count == 1 || !batched {
            return try names.map { name throws(ShellCheckFailure) in
                try run(executable, files: ["-"], stdin: name, in: scratch)
                    .filter { $0.file == "-" }
            }
        }
        let comments = try run(executable, files: names, stdin: nil, in: scratch)
        let byFile = Dictionary(grouping: comments, by: \.file)
        return names.map { byFile[$0] ?? [] }
    }

    /// One ShellCheck process over `files` (names inside `scratch`, or `-` to read `stdin`).
    private func run(
        _ executable: String, files: [String], stdin: String?, in scratch: ScratchDirectory
    ) throws(ShellCheckFailure) -> [ShellCheckComment] {
        let process = TimedProcess(
            executable: executable, arguments: baseArguments + ["--"] + files,
            directory: scratch.path, timeout: timeout)
        let stdout = scratch.file("shellcheck.out")
        let stderr = scratch.file("shellcheck.err")
        let status = try process.run(stdin: stdin.map(scratch.file), stdout: stdout, stderr: stderr)
        // 0: no findings, 1: findings; anything else (2 unreadable file, 3 bad syntax, 4 bad option) is a failure.
        guard status == 0 || status == 1 else {
            let message = (try? String(contentsOfFile: stderr, encoding: .utf8)) ?? ""
            throw .failed(status: status, stderr: message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        guard let data = FileManager.default.contents(atPath: stdout) else {
            throw .unreadableOutput("no output file")
        }
        do {
            return try JSONDecoder().decode(ShellCheckOutput.self, from: data).comments
        } catch {
            throw .unreadableOutput(String(describing: error))
        }
    }

    /// The absolute path of an executable `name`: a path when it holds a `/` (made absolute,
    /// since ShellCheck runs in its scratch directory), else the first match on `path`.
    static func locate(_ name: String, path: String) -> String? {
        if name.contains("/") {
            let absolute = name.hasPrefix("/")
                ? name : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(name)
            return isExecutableFile(absolute) ? absolute : nil
        }
        for directory in path.split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = (String(directory) as NSString).appendingPathComponent(name)
            if isExecutableFile(candidate) { return candidate }
        }
        return nil
    }

    /// An executable regular file (directories have the execute bit too).
    private static func isExecutableFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            && !isDirectory.boolValue && FileManager.default.isExecutableFile(atPath: path)
    }
}
