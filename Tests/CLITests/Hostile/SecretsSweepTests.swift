import Foundation
import Testing
import TestSupport

/// A secret param and a secret env variable carry unique markers through every kind of step,
/// failures and every way of looking at a run; no output, journal, report or file may hold them.
@Suite(.serialized) struct SecretsSweepTests {
    static func playbook(_ tag: String) -> String {
        """
        runbook: 1
        id: secrets-sweep
        title: Use secrets everywhere
        level: 2
        authorization: { executor: senior_engineer }
        params:
          token: { type: string, secret: true }
        env:
          DATABASE_URL: { secret: true }
          REDIS_URL: { secret: true }
          API_KEY: { secret: true }
          ECHO_URL: {}
        targets:
          db: { backend: postgres, url: "${{ env.DATABASE_URL }}" }
          cache: { backend: redis, url: "${{ env.REDIS_URL }}" }
          echo: { backend: http, url: "${{ env.ECHO_URL }}" }
        steps:
          - id: shell_out
            title: Print the secrets on stdout and stderr
            shell:
              run: |
                echo "token=$TOKEN key=$KEY"
                echo "stderr token=$TOKEN" >&2
              env: { TOKEN: "${{ params.token }}", KEY: "${{ env.API_KEY }}" }
          - id: sql_echo
            title: Have the database echo them
            postgres: { target: db, query: "select $1::text as echoed, $2::text as key", args: ["${{ params.token }}", "${{ env.API_KEY }}"] }
          - id: cache_set
            title: Store the token
            redis: { target: cache, command: [SET, "\(tag):secret", "${{ params.token }}", EX, 60] }
          - id: cache_get
            title: Read it back
            redis: { target: cache, command: [GET, "\(tag):secret"] }
          - id: http_echo
            title: Send them as headers to a server that echoes headers
            http:
              target: echo
              path: /echo
              headers: { Authorization: "Bearer ${{ params.token }}", X-Api-Key: "${{ env.API_KEY }}" }
          - id: sql_fail
            title: A database error that quotes the token
            on_failure: continue
            postgres: { target: db, query: "select $1::int", args: ["${{ params.token }}"] }
          - id: shell_fail
            title: A script that fails saying the token
            on_failure: continue
            shell:
              run: 'echo "failing with $TOKEN" >&2; exit 3'
              env: { TOKEN: "${{ params.token }}" }
        verify:
          - name: the token is cached
            redis: { target: cache, command: [GET, "\(tag):secret"] }
            expect: { value: { equals: "${{ params.token }}" } }
          - name: a probe that fails showing the token
            shell:
              run: 'echo "$TOKEN"'
              env: { TOKEN: "${{ params.token }}" }
            expect: { stdout: { matches: "^nope$" } }
        """
    }

    @Test func noMarkerAnywhere() throws {
        let started = Date()
        let box = try ExecSandbox()
        let server = try FaultyHTTPServer()
        let token = "PARAM-MARKER-\(box.tag)"
        let apiKey = "ENV-MARKER-\(box.tag)"
        let temporary = box.folder.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        try box.write("p.yaml", Self.playbook(box.tag))
        let environment = ["API_KEY": apiKey, "ECHO_URL": server.url, "TMPDIR": temporary.path]
        let param = ["--param", "token=\(token)"]

        var outputs: [(String, RunbookBinary.Output)] = []
        func run(_ label: String, _ arguments: [String]) throws -> RunbookBinary.Output {
            let output = try box.runbook(arguments, environment: environment)
            outputs.append((label, output))
            return output
        }
        let plain = try run("exec --no-tty", ["exec", "p.yaml", "--no-tty"] + param)
        #expect(plain.status == 3, "verify should fail on purpose: \(plain.stdout)\(plain.stderr)")
        // The secrets really went through: the server saw the header, the database the value.
        #expect(plain.stdout.contains("token=*** key=***"), "\(plain.stdout)")
        #expect(try box.journals().joined().contains("Bearer ***"), "the echoed header should be journaled, redacted")
        _ = try run("exec --output json", ["exec", "p.yaml", "--output", "json"] + param)
        let terminal = try Self.inTerminal("'\(RunbookBinary.url.path)' exec p.yaml --param 'token=\(token)'",
                                           in: box, environment: environment)
        outputs.append(("exec in a terminal (live view)", terminal))
        #expect(terminal.stdout.contains("token=***"), "the live view did not run: \(terminal.stdout)")
        _ = try run("plan", ["plan", "p.yaml"] + param)
        _ = try run("runs", ["runs"])
        let runs = try FileManager.default.contentsOfDirectory(atPath: box.state.appendingPathComponent("runs").path)
        for file in runs {
            let id = file.replacingOccurrences(of: ".jsonl", with: "")
            _ = try run("log", ["log", id])
            _ = try run("log --verify", ["log", id, "--verify"])
            _ = try run("report", ["report", id])
            _ = try run("report json", ["report", id, "--format", "json"])
        }

        for (label, output) in outputs {
            for marker in [token, apiKey, "runbook-test-pw"] {
                #expect(!output.stdout.contains(marker), "\(label) printed a secret on stdout: \(output.stdout)")
                #expect(!output.stderr.contains(marker), "\(label) printed a secret on stderr: \(output.stderr)")
            }
        }
        var swept = 0
        // The servers' own logs are theirs (PostgreSQL logs a failed statement's error, value included).
        let serverState = ["/tmp/runbook-test-services-", "/tmp/runbook-fault-services", "/tmp/runbook-sandbox"]
        let temporaryFiles = Self.files(under: URL(fileURLWithPath: "/tmp"), since: started)
            .filter { file in !serverState.contains { file.path.hasPrefix($0) } }
        for file in Self.files(under: box.folder) + temporaryFiles {
            guard let data = FileManager.default.contents(atPath: file.path) else { continue }
            swept += 1
            for marker in [token, apiKey] {
                #expect(data.range(of: Data(marker.utf8)) == nil, "\(file.path) holds a secret")
            }
        }
        #expect(swept > runs.count, "the sweep read no files")
    }

    /// Runs `command` on a pseudo-terminal (util-linux `script`), so runbook shows its live view.
    static func inTerminal(_ command: String, in box: ExecSandbox, environment: [String: String]) throws -> RunbookBinary.Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        process.currentDirectoryURL = box.folder
        process.environment = box.environment.merging(environment) { $1 }
            .merging(["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "TERM": "xterm"]) { $1 }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        process.standardInput = Pipe()
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return RunbookBinary.Output(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self), stderr: "")
    }

    /// Regular files under `folder` (modified since `since`, when given), below 20 MB.
    static func files(under folder: URL, since: Date? = nil) -> [URL] {
        guard let walker = FileManager.default.enumerator(
            at: folder, includingPropertiesForKeys: [.isRegularFileKey, .contentModificationDateKey, .fileSizeKey]) else { return [] }
        var found: [URL] = []
        for case let url as URL in walker {
            guard let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .contentModificationDateKey, .fileSizeKey]),
                  values.isRegularFile == true, (values.fileSize ?? 0) < 20_000_000 else { continue }
            if let since, (values.contentModificationDate ?? .distantPast) < since { continue }
            found.append(url)
        }
        return found
    }
}
