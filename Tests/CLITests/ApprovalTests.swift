import Foundation
import Testing
import TestSupport

/// `runbook approve` and `exec --approval` against the real PostgreSQL: a valid approval runs
/// the step; every bad one is refused before any step, with the table untouched.
@Suite(.serialized) struct ApprovalTests {
    enum Case: String, CaseIterable, Sendable {
        case forgedSignature, approverWithoutTheRole, editedPlaybookByte, changedParam, expired, replayed,
             approverIsExecutor, twoApprovalsByOnePerson

        var expectedCheck: String {
            switch self {
            case .forgedSignature: "[signature]"
            case .approverWithoutTheRole: "[missing-approval]"
            case .editedPlaybookByte: "[playbook-changed]"
            case .changedParam: "[params-changed]"
            case .expired: "[expired]"
            case .replayed: "[replayed]"
            case .approverIsExecutor: "[self-approval]"
            case .twoApprovalsByOnePerson: "[same-person]"
            }
        }
    }

    /// Level 3 (tech lead runs, CTO approves); `destructive` adds a truncate, which the policy
    /// lets run only with the incident commander's approval as well.
    static func playbook(_ tag: String, destructive: Bool = false) -> String {
        """
        runbook: 1
        id: approved-insert
        title: Insert a row, approved
        level: 3
        authorization: { executor: tech_lead, approvals: [cto\(destructive ? ", incident_commander" : "")] }
        params:
          tenant: { type: string }
        env:
          DATABASE_URL: { secret: true }
        targets:
          db: { backend: postgres, url: "${{ env.DATABASE_URL }}" }
        steps:
        \(destructive ? """
          - id: wipe
            title: Empty the table first
            confirm: true
            postgres: { target: db, sql: "truncate \(tag)" }
        """ : "")
          - id: insert
            title: Insert the tenant
            postgres: { target: db, query: "insert into \(tag) (tenant) values ($1)", args: ["${{ params.tenant }}"] }
        verify:
          - name: row stored
            postgres: { target: db, query: "select count(*) from \(tag)" }
            expect: { value: { greater_than: 0 } }
        """
    }

    static func approve(_ box: ExecSandbox, as name: String, tenant: String = "greenwood_high",
                        extra: [String] = []) throws -> String {
        let made = try box.runbook(["approve", "p.yaml", "--param", "tenant=\(tenant)", "--as", name] + extra)
        #expect(made.status == 0, "\(made.stderr)")
        return made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func exec(_ box: ExecSandbox, as name: String = "tara", tenant: String = "greenwood_high",
                     tokens: [String]) throws -> RunbookBinary.Output {
        try box.runbook(["exec", "p.yaml", "--param", "tenant=\(tenant)", "--as", name, "--no-tty", "--yes"]
                        + tokens.flatMap { ["--approval", $0] })
    }

    /// A token whose claims say cora approved as cto, but signed by ian.
    static func forged(_ box: ExecSandbox) throws -> String {
        let ians = try approve(box, as: "ian", extra: ["--role", "incident_commander"])
        let parts = ians.split(separator: ".").map(String.init)
        let claims = try #require(base64URLDecode(parts[1]))
        let text = String(decoding: claims, as: UTF8.self)
            .replacingOccurrences(of: "\"approver\":\"ian\"", with: "\"approver\":\"cora\"")
            .replacingOccurrences(of: "\"role\":\"incident_commander\"", with: "\"role\":\"cto\"")
        return "\(parts[0]).\(base64URLEncode(Data(text.utf8))).\(parts[2])"
    }

    @Test func aValidApprovalRunsTheStepAndTheJournalRecordsItWithoutTheToken() throws {
        let box = try ExecSandbox()
        _ = try box.psql("create table \(box.tag) (tenant text)")
        defer { _ = try? box.psql("drop table if exists \(box.tag)") }
        try box.write("p.yaml", Self.playbook(box.tag))
        let token = try Self.approve(box, as: "cora", extra: ["--reason", "bridge call 14:02"])
        let run = try Self.exec(box, tokens: [token])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(try box.psql("select count(*) from \(box.tag)") == "1")
        let journal = try #require(try box.journals().first)
        #expect(journal.contains("\"approver\":\"cora\""))
        #expect(journal.contains("\"reason\":\"bridge call 14:02\""))
        #expect(!journal.contains(token.split(separator: ".")[2]), "the journal must not hold the token")
    }

    @Test(arguments: Case.allCases)
    func aBadApprovalIsRefusedBeforeAnyStep(_ kind: Case) throws {
        let box = try ExecSandbox()
        _ = try box.psql("create table \(box.tag) (tenant text)")
        defer { _ = try? box.psql("drop table if exists \(box.tag)") }
        try box.write("p.yaml", Self.playbook(box.tag, destructive: kind == .twoApprovalsByOnePerson))
        var expectedRows = "0"
        let run: RunbookBinary.Output
        switch kind {
        case .forgedSignature:
            run = try Self.exec(box, tokens: [Self.forged(box)])
        case .approverWithoutTheRole:
            run = try Self.exec(box, tokens: [Self.approve(box, as: "ian", extra: ["--role", "incident_commander"])])
        case .editedPlaybookByte:
            let token = try Self.approve(box, as: "cora")
            try box.write("p.yaml", Self.playbook(box.tag).replacingOccurrences(of: "Insert a row", with: "Insert a rox"))
            run = try Self.exec(box, tokens: [token])
        case .changedParam:
            run = try Self.exec(box, tenant: "riverside_academy", tokens: [Self.approve(box, as: "cora")])
        case .expired:
            let token = try Self.approve(box, as: "cora", extra: ["--ttl", "1s"])
            Thread.sleep(forTimeInterval: 1.5)
            run = try Self.exec(box, tokens: [token])
        case .replayed:
            let token = try Self.approve(box, as: "cora")
            let first = try Self.exec(box, tokens: [token])
            #expect(first.status == 0, "\(first.stderr)")
            expectedRows = "1"
            run = try Self.exec(box, tokens: [token])
        case .approverIsExecutor:
            run = try Self.exec(box, as: "cora", tokens: [Self.approve(box, as: "cora")])
        case .twoApprovalsByOnePerson:
            run = try Self.exec(box, tokens: [Self.approve(box, as: "carl", extra: ["--role", "cto"]),
                                              Self.approve(box, as: "carl", extra: ["--role", "incident_commander"])])
        }
        #expect(run.status == 4, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains(kind.expectedCheck), "\(run.stderr)")
        #expect(run.stderr.contains("refused: nothing was run"))
        #expect(try box.psql("select count(*) from \(box.tag)") == expectedRows)
    }

    @Test func approveRefusesAnApproverWhoDoesNotHoldTheRole() throws {
        let box = try ExecSandbox()
        try box.write("p.yaml", Self.playbook(box.tag))
        let made = try box.runbook(["approve", "p.yaml", "--param", "tenant=a", "--as", "olivia"])
        #expect(made.status == 4)
        #expect(made.stdout.isEmpty)
        #expect(made.stderr.contains("holds none of the roles this playbook needs approved: cto"), "\(made.stderr)")
    }

    @Test func aSuppressedLintErrorDoesNotLetADestructiveStepRunWithoutItsApproval() throws {
        let box = try ExecSandbox()
        _ = try box.psql("create table \(box.tag) (tenant text)")
        defer { _ = try? box.psql("drop table if exists \(box.tag)") }
        // Lint's missing-approval error is silenced in the file; the run must still refuse the step.
        let text = Self.playbook(box.tag, destructive: true)
            .replacingOccurrences(of: "authorization: { executor: tech_lead, approvals: [cto, incident_commander] }",
                                  with: "authorization: { executor: tech_lead, approvals: [cto] }  # runbook:ignore missing-approval we know better")
        try box.write("p.yaml", text)
        let run = try Self.exec(box, tokens: [Self.approve(box, as: "cora")])
        #expect(run.status == 4, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("approval by 'incident_commander' is required"), "\(run.stderr)")
        #expect(run.stderr.contains("[missing-approval]") && !run.stderr.contains("does not pass lint"), "\(run.stderr)")
        #expect(try box.psql("select count(*) from \(box.tag)") == "0")
    }
}

func base64URLDecode(_ text: String) -> Data? {
    var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
    return Data(base64Encoded: base64)
}

func base64URLEncode(_ data: Data) -> String {
    data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        .replacingOccurrences(of: "=", with: "")
}
