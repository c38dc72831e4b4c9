import Foundation
import Testing
import TestSupport

/// Every playbook in playbooks/ run for real against the school-ERP sandbox, with the demo
/// people and keys, and the real state checked afterwards.
@Suite(.serialized) struct PlaybookEndToEndTests {
    /// A copy of `playbook` under the state dir with its verify holds shortened, so a test does
    /// not watch a dashboard for five minutes; everything else is byte for byte the file.
    static func shortHolds(_ playbook: String, _ box: SchoolSandbox) throws -> String {
        let text = try String(contentsOf: box.root.appendingPathComponent(playbook), encoding: .utf8)
        let short = text.replacingOccurrences(of: #"hold: \{ for: [0-9]+m, every: [0-9]+s \}"#, with: "hold: { for: 2s, every: 1s }",
                                              options: .regularExpression)
        let copy = box.root.appendingPathComponent(playbook).deletingLastPathComponent()
            .appendingPathComponent(".e2e-\(UUID().uuidString.prefix(8))-" + (playbook as NSString).lastPathComponent)
        try short.write(to: copy, atomically: true, encoding: .utf8)
        return copy.path
    }

    @Test func everyPlaybookLintsClean() throws {
        let run = try RunbookBinary.run(["lint", "playbooks/"], in: Fixtures.repositoryRoot())
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains(" 0 errors, 0 warnings"), "\(run.stdout)")
    }

    @Test func level1BumpsTheCacheVersionAndRestartsTheServerWithoutTouchingQueuesOrFlags() throws {
        let box = try SchoolSandbox()
        let keysBefore = try box.redis("DBSIZE")
        let pidBefore = try box.serverPID()
        let versionBefore = try box.redis("GET cache:version")
        let failedBefore = try box.redis("ZCARD bull:notifications:failed")
        let file = try Self.shortHolds("playbooks/level1.yaml", box)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try box.runbook(["exec", file, "--no-tty", "--param", "log_lines=20"] + box.identity("olivia"))
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(try box.redis("GET cache:version") == String((Int(versionBefore) ?? 0) + 1))
        #expect(try box.redis("ZCARD bull:notifications:failed") == failedBefore, "the queues are untouched")
        #expect(try box.redis("DBSIZE") == keysBefore, "no key was deleted (the seed's FLUSHDB would delete them all)")
        #expect(try box.serverPID() != pidBefore, "the ERP process was restarted")
    }

    @Test func level2IsolatesOneSchoolAndLeavesTheOtherAlone() throws {
        let box = try SchoolSandbox()
        let otherActive = try box.sql("select count(*) from riverside_academy.user_sessions where revoked_at is null")
        let run = try box.runbook(["exec", "playbooks/level2.yaml", "--param", "tenant=greenwood_high", "--no-tty",
                                   "--confirm", "disable_queues"] + box.identity("sam"))
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(try box.sql("select count(*) from greenwood_high.user_sessions where revoked_at is null and expires_at > now()") == "0")
        #expect(try box.sql("select count(*) from greenwood_high.user_sessions where revoked_reason = 'Tenant isolated for maintenance'") != "0")
        #expect(try box.sql("select count(*) from riverside_academy.user_sessions where revoked_at is null") == otherActive)
        #expect(try box.redis("GET tenant:blocked:greenwood_high") == "true")
        #expect(try box.status("/api/tenants/greenwood_high/dashboard") == "503")
        #expect(try box.status("/api/tenants/riverside_academy/dashboard") == "200")
        #expect(run.stdout.contains("Subject: Scheduled maintenance for Greenwood High School"), "\(run.stdout)")
    }

    @Test func level3RollsBackAndRestoresTheSchemaWithItsRowCountsOnlyWithBothApprovals() throws {
        let box = try SchoolSandbox()
        let counts = "select (select count(*) from greenwood_high.grades) || ',' || (select count(*) from greenwood_high.students)"
        let seeded = try box.sql(counts)
        _ = try box.sql("delete from greenwood_high.grades")
        let params = ["--param", "tenant=greenwood_high", "--param", "version=v1.4.2",
                      "--param", "snapshot=\(box.environment["SNAPSHOT_DIR", default: ""])/greenwood_high.sql"]
        let cto = try box.approve("playbooks/level3.yaml", params, as: "cora")

        let refused = try box.runbook(["exec", "playbooks/level3.yaml", "--no-tty", "--yes", "--approval", cto]
                                      + params + box.identity("tara"))
        #expect(refused.status == 4, "the incident commander's approval is missing")
        #expect(try box.sql("select count(*) from greenwood_high.grades") == "0", "nothing ran")

        let commander = try box.approve("playbooks/level3.yaml", params, as: "ian")
        let run = try box.runbook(["exec", "playbooks/level3.yaml", "--no-tty", "--yes", "--approval", cto, "--approval", commander]
                                  + params + box.identity("tara"))
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(try box.sql(counts) == seeded)
        #expect(try box.sql("select version from public.deployments where current") == "v1.4.2")
        let snapshots = try FileManager.default.contentsOfDirectory(atPath: box.environment["SNAPSHOT_DIR", default: ""])
        #expect(snapshots.contains { $0.hasPrefix("emergency-greenwood_high-") }, "\(snapshots)")
    }

    @Test func level4ServesTheMaintenancePageThenLiftsIt() throws {
        let box = try SchoolSandbox()
        let params = ["--param", "tenant=riverside_academy"]
        let commander = try box.approve("playbooks/level4.yaml", params, as: "ian")
        let run = try box.runbook(["exec", "playbooks/level4.yaml", "--no-tty", "--yes", "--confirm", "investigate",
                                   "--approval", commander] + params + box.identity("cora"))
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("tenant route answers 503"), "the page was served during the run: \(run.stdout)")
        #expect(try box.redis("EXISTS tenant:maintenance:riverside_academy tenant:maintenance:message:riverside_academy") == "0")
        #expect(try box.sql("select count(*) from riverside_academy.user_sessions where revoked_at is null") == "0")
        #expect(try box.status("/api/tenants/riverside_academy/dashboard") == "200")
    }
}

/// The red-flag playbooks, the go-live gate and triage against the sandbox.
@Suite(.serialized) struct RedFlagAndGateEndToEndTests {
    static let goLiveConfirmations = ["preflight_manual", "tenant_manual", "load_baseline_manual", "simulate_usage_manual",
                                      "resilience_manual", "operations_manual", "final_gate"].flatMap { ["--confirm", $0] }

    @Test func dlqSpikeRetriesTheFailedJobsInsteadOfDeletingThem() throws {
        let box = try SchoolSandbox()
        let failed = Int(try box.redis("ZCARD bull:notifications:failed")) ?? 0
        let waiting = Int(try box.redis("LLEN bull:notifications:wait")) ?? 0
        let file = try PlaybookEndToEndTests.shortHolds("playbooks/red-flags/dlq-spike.yaml", box)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try box.runbook(["exec", file, "--no-tty", "--yes"] + box.identity("olivia"))
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(failed > 0)
        #expect(try box.redis("ZCARD bull:notifications:failed") == "0")
        #expect(try box.redis("LLEN bull:notifications:wait") == String(waiting + failed), "every failed job waits again")
    }

    @Test(arguments: ["login-failure-spike", "db-high-latency", "redis-disconnect"])
    func aRedFlagPlaybookRunsCleanOnAHealthySystem(_ name: String) throws {
        let box = try SchoolSandbox()
        let file = try PlaybookEndToEndTests.shortHolds("playbooks/red-flags/\(name).yaml", box)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try box.runbook(["exec", file, "--no-tty", "--yes"] + box.identity("olivia"),
                                  environment: ["REDIS_RESTART_COMMAND": box.root.path + "/scripts/test-services start",
                                                "REDIS_STATUS_COMMAND": "pgrep -a redis-server"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(try box.status("/health/ready") == "200")
    }

    @Test(arguments: [false, true])
    func goLiveSaysGoOnlyWhenEveryCheckPasses(blocked: Bool) throws {
        let box = try SchoolSandbox()
        if blocked { _ = try box.redis("SET tenant:blocked:riverside_academy true") }
        let run = try box.runbook(["exec", "playbooks/go-live-checklist.yaml", "--param", "tenant=greenwood_high", "--no-tty",
                                   "--yes"] + Self.goLiveConfirmations + box.identity("tara"))
        if blocked {
            #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
            #expect(run.stdout.contains("❌ DO NOT ONBOARD greenwood_high"), "\(run.stdout)")
        } else {
            #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
            #expect(run.stdout.contains("GO — onboard greenwood_high"), "\(run.stdout)")
            #expect(!run.stdout.contains("❌ DO NOT ONBOARD greenwood_high"))
        }
    }

    @Test func triageDispatchesOneSchoolToLevelTwo() throws {
        let box = try SchoolSandbox()
        let params = ["--param", "issue=one_school", "--param", "severity=P1", "--param", "tenant=greenwood_high"]
        let commander = try box.approve("playbooks/triage.yaml", params, as: "ian")
        let run = try box.runbook(["exec", "playbooks/triage.yaml", "--no-tty", "--yes", "--confirm", "confirm_answer",
                                   "--confirm", "disable_queues", "--approval", commander] + params + box.identity("cora"))
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(try box.redis("EXISTS tenant:blocked:greenwood_high") == "1")
        #expect(try box.status("/api/tenants/greenwood_high/dashboard") == "503")
        #expect(try box.status("/api/tenants/riverside_academy/dashboard") == "200")
    }
}
