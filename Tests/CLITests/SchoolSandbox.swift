import BackendTestSupport
import Foundation
import TestSupport

/// The running school-ERP sandbox (`scripts/sandbox start`, which `make test` does) with the
/// demo policy and keys of Examples/demo, for end-to-end runs of the playbooks in playbooks/.
/// Each instance reseeds the sandbox and journals into its own state dir.
final class SchoolSandbox {
    static let variables = ["DATABASE_URL", "REDIS_URL", "APP_URL", "RESTART_COMMAND", "LOGS_COMMAND",
                            "DEPLOY_COMMAND", "SNAPSHOT_DIR"]
    let root = Fixtures.repositoryRoot()
    let state: URL
    let environment: [String: String]

    init() throws {
        try TestServers.requireListening(port: 3000, name: "the school-ERP sandbox (scripts/sandbox start)")
        let reset = try Self.shell("scripts/sandbox reset", in: root)
        guard reset.status == 0 else { throw TestServers.Missing(description: "scripts/sandbox reset failed: \(reset.output)") }
        let printed = try Self.shell(
            #"eval "$(scripts/sandbox env)"; for v in \#(Self.variables.joined(separator: " ")); do printf '%s=%s\n' "$v" "${!v}"; done"#,
            in: root)
        var environment: [String: String] = [:]
        for line in printed.output.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            environment[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        state = try temporaryFolder()
        environment["RUNBOOK_STATE_DIR"] = state.path
        self.environment = environment
        let keys = root.appendingPathComponent("Examples/demo/keys")
        for name in try FileManager.default.contentsOfDirectory(atPath: keys.path) where name.hasSuffix(".key") {
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keys.appendingPathComponent(name).path)
        }
    }

    deinit { try? FileManager.default.removeItem(at: state) }

    /// `runbook ARGS… --policy Examples/demo/runbook.policy.yaml` from the repository root.
    func runbook(_ arguments: [String], environment extra: [String: String] = [:]) throws -> RunbookBinary.Output {
        try RunbookBinary.run(arguments + ["--policy", "Examples/demo/runbook.policy.yaml"], in: root,
                              environment: environment.merging(extra) { $1 })
    }

    /// `--as NAME --key Examples/demo/keys/NAME.key`.
    func identity(_ name: String) -> [String] { ["--as", name, "--key", "Examples/demo/keys/\(name).key"] }

    /// An approval token from `approver` for `playbook` with `params`.
    func approve(_ playbook: String, _ params: [String], as approver: String) throws -> String {
        let made = try runbook(["approve", playbook] + params + identity(approver))
        guard made.status == 0 else { throw TestServers.Missing(description: "approve failed: \(made.stderr)") }
        return made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func sql(_ query: String) throws -> String {
        try Self.shell("psql \"$DATABASE_URL\" -At -v ON_ERROR_STOP=1 -c \"$Q\"", in: root,
                       environment: ["DATABASE_URL": environment["DATABASE_URL", default: ""], "Q": query]).output
    }

    func redis(_ arguments: String) throws -> String {
        try Self.shell("redis-cli -h 127.0.0.1 -p 63799 -a runbook-test-pw --no-auth-warning -n 1 \(arguments)", in: root).output
    }

    /// The HTTP status of `path` on the ERP.
    func status(_ path: String) throws -> String {
        try Self.shell("curl -s -o /dev/null -w '%{http_code}' \"$APP_URL\(path)\"", in: root,
                       environment: ["APP_URL": environment["APP_URL", default: ""]]).output
    }

    /// The ERP's process id, from `/version`: it changes when the server restarts.
    func serverPID() throws -> String {
        let body = try Self.shell("curl -s \"$APP_URL/version\"", in: root,
                                  environment: ["APP_URL": environment["APP_URL", default: ""]]).output
        guard let range = body.range(of: #""pid":[0-9]+"#, options: .regularExpression) else { return body }
        return String(body[range])
    }

    static func shell(_ script: String, in folder: URL, environment extra: [String: String] = [:]) throws
        -> (status: Int32, output: String) {
        let result = try TestProcess.run(
            "/bin/bash", ["-c", script], in: folder,
            environment: ProcessInfo.processInfo.environment.merging(extra) { $1 }, mergingStderr: true)
        return (result.status, result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
