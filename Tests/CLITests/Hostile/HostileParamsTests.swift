import BackendTestSupport
import Foundation
import Testing
import TestSupport

/// Values an attacker (or a tired operator's paste) might pass as params: each reaches the
/// database, the script and Redis as one inert value, stored verbatim, and runs nothing.
@Suite(.serialized) struct HostileParamsTests {
    /// `CANARY` becomes a path that exists only if some payload ran as code.
    static let payloads: [String] = [
        "x'; DROP TABLE TABLE_NAME; --",
        "'); DROP TABLE TABLE_NAME; --",
        "1 OR 1=1",
        "$$; DROP TABLE TABLE_NAME; $$",
        "\\'; DROP TABLE TABLE_NAME; --",
        "$(touch CANARY)",
        "`touch CANARY`",
        "; touch CANARY",
        "| touch CANARY",
        "&& touch CANARY",
        "'; touch CANARY; '",
        "\"; touch CANARY; \"",
        "x\ntouch CANARY",
        "${IFS}touch${IFS}CANARY",
        "-rf",
        "--help",
        "*",
        "~",
        "%s%s%s%n",
        "x\r\nFLUSHALL\r\n",
        "*1\r\n$8\r\nFLUSHALL\r\n",
        "${{ env.DATABASE_URL }}",
        "${{ params.value }}",
        "\u{1B}]0;owned\u{07}\u{1B}[2J",
        "\u{202E}gnp.exe",
        "é漢字🙂",
        String(repeating: "A", count: 60_000),
    ]

    static func playbook(_ tag: String) -> String {
        """
        runbook: 1
        id: hostile-params
        title: Store a value three ways
        level: 2
        authorization: { executor: senior_engineer }
        params:
          value: { type: string }
        env:
          DATABASE_URL: { secret: true }
          REDIS_URL: { secret: true }
          OUT_FILE: {}
        targets:
          db: { backend: postgres, url: "${{ env.DATABASE_URL }}" }
          cache: { backend: redis, url: "${{ env.REDIS_URL }}" }
        steps:
          - id: sql
            title: Insert the value
            postgres: { target: db, query: "insert into \(tag) (v) values ($1)", args: ["${{ params.value }}"] }
          - id: script
            title: Write the value to a file
            shell:
              run: printf '%s' "$V" > "$OUT"; printf '%s\\n' "$V"
              env: { V: "${{ params.value }}", OUT: "${{ env.OUT_FILE }}" }
          - id: cache
            title: Set the value
            redis: { target: cache, command: [SET, "\(tag):v", "${{ params.value }}"] }
          - id: say
            title: Say it
            message: { template: "stored ${{ params.value }}" }
        verify:
          - name: stored once, verbatim
            postgres: { target: db, query: "select count(*) from \(tag) where v = $1", args: ["${{ params.value }}"] }
            expect: { value: { equals: 1 } }
          - name: cached verbatim
            redis: { target: cache, command: [GET, "\(tag):v"] }
            expect: { value: { equals: "${{ params.value }}" } }
        """
    }

    @Test(arguments: payloads.indices) func aPayloadIsStoredVerbatimAndRunsNothing(_ index: Int) throws {
        let box = try ExecSandbox()
        let canary = box.folder.appendingPathComponent("pwned")
        let payload = Self.payloads[index]
            .replacingOccurrences(of: "CANARY", with: canary.path)
            .replacingOccurrences(of: "TABLE_NAME", with: box.tag)
        _ = try box.psql("create table \(box.tag) (v text)")
        defer { _ = try? box.psql("drop table if exists \(box.tag)") }
        try box.write("p.yaml", Self.playbook(box.tag))
        let out = box.folder.appendingPathComponent("out.txt")
        let output = try box.runbook(["exec", "p.yaml", "--no-tty", "--param", "value=\(payload)"],
                                     environment: ["OUT_FILE": out.path])
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: canary.path), "a payload ran as a command")
        #expect(try box.psql("select count(*) from \(box.tag)") == "1", "the table lost or gained rows")
        #expect(try Data(contentsOf: out) == Data(payload.utf8), "the script saw another value")
        // Escape sequences from the value or the script's output never reach the terminal raw.
        #expect(!output.stdout.contains("\u{1B}") && !output.stderr.contains("\u{1B}"))
        #expect(!output.stdout.contains("postgres://"), "an expression inside a value was evaluated")
    }

    @Test func anOverlongValueIsRefusedWithoutEchoingIt() throws {
        let box = try ExecSandbox()
        try box.write("p.yaml", Self.playbook(box.tag))
        let output = try box.runbook(["exec", "p.yaml", "--no-tty", "--param", "value=\(String(repeating: "B", count: 100_000))"],
                                     environment: ["OUT_FILE": "/dev/null"])
        #expect(output.status == 4)
        #expect(output.stderr.contains("value is 100000 bytes long; a param takes at most 64 KiB"), "\(output.stderr)")
        #expect(output.stderr.count < 1_000, "the refusal should not print the value")
    }

    @Test func controlCharactersInARefusedValueAreShownNotObeyed() throws {
        let box = try ExecSandbox()
        try box.write("p.yaml", """
        runbook: 1
        id: typed
        title: Typed
        level: 1
        authorization: { executor: on_call }
        params:
          count: { type: int }
        steps:
          - id: noop
            title: Nothing
            shell: { run: "true" }
        """)
        let output = try box.runbook(["exec", "p.yaml", "--no-tty", "--param", "count=\u{1B}]0;owned\u{07}\u{1B}[2J"])
        #expect(output.status == 4)
        #expect(!output.stderr.contains("\u{1B}"), "\(output.stderr)")
        #expect(output.stderr.contains(#"count must be a whole number, not '\u{1B}]0;owned\u{7}\u{1B}[2J'"#), "\(output.stderr)")
    }
}
