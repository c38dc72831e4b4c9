import Authorization
import Foundation
import Language
import Testing

/// The authorization decision without I/O: identity, each approval check, and the two-person rule.
@Suite struct AuthorizerTests {
    static let params = ["tenant": "greenwood_high", "token": "s3cret"]

    /// One approval token as `runbook approve` would make it, with every field overridable.
    static func token(
        _ world: AuthorityFixture, by approver: String, as role: String, sha: String,
        params: [String: String] = params, signedBy signer: String? = nil, issued: Int = 0, lifetime: Int = 3600
    ) throws -> String {
        let now = Int(Date().timeIntervalSince1970) + issued
        let nonce = ParamDigest.newNonce()
        let claims = ApprovalClaims(
            playbookID: "p", playbookSHA256: sha, paramsDigest: ParamDigest.digest(params, nonce: nonce),
            params: params.mapValues { _ in "shown" }, approver: approver, role: role, issuedAt: now,
            expiresAt: now + lifetime, nonce: nonce, reason: "test")
        return try ApprovalToken(signing: claims, with: world.key(signer ?? approver)).text
    }

    static func decide(
        _ world: AuthorityFixture, playbook name: String, executor: String = "tara", key: String? = nil,
        sha override: String? = nil, params: [String: String] = params, tokens: [String]
    ) throws -> Authorizer.Decision {
        let (playbook, sha) = try AuthorityFixture.playbook(name)
        let effects = Dictionary(playbook.allSteps.map { ($0.id.value, $0.effect?.value ?? .write) }) { first, _ in first }
        return Authorizer(AuthorizationRequest(
            policy: world.policy, playbook: playbook, playbookSHA256: override ?? sha, paramValues: params,
            effects: effects, executor: executor, executorKey: try world.key(key ?? (executor == "nokey" ? "tara" : executor)),
            tokens: tokens)).evaluate()
    }

    static func granted(_ decision: Authorizer.Decision) throws -> Grant {
        guard case .granted(let grant) = decision else { throw RefusedRun(decision: "\(decision)") }
        return grant
    }

    struct RefusedRun: Error, CustomStringConvertible {
        var decision: String
        var description: String { "refused: \(decision)" }
    }

    static func refusals(_ decision: Authorizer.Decision) -> [Refusal.Check] {
        if case .refused(let refusals) = decision { return refusals.map(\.check) }
        return []
    }

    enum TokenCase: String, CaseIterable, Sendable {
        case forgedSignature, wrongRole, editedPlaybook, changedParam, expired, issuedInFuture, malformed, unknownApprover

        var expected: Refusal.Check {
            switch self {
            case .forgedSignature: .signature
            case .wrongRole: .approverRole
            case .editedPlaybook: .playbookChanged
            case .changedParam: .paramsChanged
            case .expired: .expired
            case .issuedInFuture: .notYetValid
            case .malformed: .malformedToken
            case .unknownApprover: .unknownApprover
            }
        }
    }

    @Test func aValidApprovalGrantsTheRunAndRecordsWhoApproved() throws {
        let world = try AuthorityFixture()
        let sha = try AuthorityFixture.playbook("rollback.yaml").sha
        let decision = try Self.decide(world, playbook: "rollback.yaml", tokens: [Self.token(world, by: "cora", as: "cto", sha: sha)])
        let grant = try Self.granted(decision)
        #expect(grant.executor == "tara")
        #expect(grant.approvals.map(\.approver) == ["cora"])
        #expect(grant.approvals.first?.reason == "test")
    }

    @Test(arguments: TokenCase.allCases)
    func eachBadTokenIsRefusedNamingItsCheck(_ kind: TokenCase) throws {
        let world = try AuthorityFixture()
        let sha = try AuthorityFixture.playbook("rollback.yaml").sha
        var requestSHA: String?
        var requestParams = Self.params
        let token: String
        switch kind {
        case .forgedSignature: token = try Self.token(world, by: "cora", as: "cto", sha: sha, signedBy: "ian")
        case .wrongRole: token = try Self.token(world, by: "ian", as: "cto", sha: sha)
        case .editedPlaybook:
            token = try Self.token(world, by: "cora", as: "cto", sha: sha)
            requestSHA = String(sha.dropLast()) + (sha.hasSuffix("0") ? "1" : "0")
        case .changedParam:
            token = try Self.token(world, by: "cora", as: "cto", sha: sha)
            requestParams["tenant"] = "riverside_academy"
        case .expired: token = try Self.token(world, by: "cora", as: "cto", sha: sha, issued: -7200)
        case .issuedInFuture: token = try Self.token(world, by: "cora", as: "cto", sha: sha, issued: 3600)
        case .malformed: token = "rba1.not-a-token"
        case .unknownApprover: token = try Self.token(world, by: "mallory", as: "cto", sha: sha, signedBy: "cora")
        }
        let decision = try Self.decide(world, playbook: "rollback.yaml", sha: requestSHA, params: requestParams, tokens: [token])
        let checks = Self.refusals(decision)
        #expect(checks.first == kind.expected, "\(decision)")
        #expect(checks.contains(.missingApproval), "the level's approval is still missing: \(decision)")
    }

    @Test func theExecutorCannotApproveTheirOwnRun() throws {
        let world = try AuthorityFixture()
        let sha = try AuthorityFixture.playbook("rollback.yaml").sha
        let decision = try Self.decide(world, playbook: "rollback.yaml", executor: "cora",
                                       tokens: [Self.token(world, by: "cora", as: "cto", sha: sha)])
        #expect(Self.refusals(decision) == [.selfApproval, .missingApproval])
    }

    @Test func twoRolesApprovedByOnePersonAreRefused() throws {
        let world = try AuthorityFixture()
        let sha = try AuthorityFixture.playbook("restore.yaml").sha
        let decision = try Self.decide(world, playbook: "restore.yaml", tokens: [
            Self.token(world, by: "carl", as: "cto", sha: sha),
            Self.token(world, by: "carl", as: "incident_commander", sha: sha),
        ])
        #expect(Self.refusals(decision) == [.samePerson])
    }

    @Test func twoPeopleCoverADestructiveLevelThreeRun() throws {
        let world = try AuthorityFixture()
        let sha = try AuthorityFixture.playbook("restore.yaml").sha
        // carl holds both roles; the matching must give him the one ian cannot cover.
        let decision = try Self.decide(world, playbook: "restore.yaml", tokens: [
            Self.token(world, by: "carl", as: "incident_commander", sha: sha),
            Self.token(world, by: "carl", as: "cto", sha: sha),
            Self.token(world, by: "ian", as: "incident_commander", sha: sha),
        ])
        let grant = try Self.granted(decision)
        #expect(Set(grant.approvals.map(\.approver)) == ["carl", "ian"])
        #expect(grant.refusal(step: "drop", effect: .destructive) == nil)
    }

    @Test(arguments: [
        ("olivia", "olivia", Refusal.Check.executorRole),
        ("tara", "olivia", .wrongKey),
        ("mallory", "tara", .unknownPerson),
        ("nokey", "tara", .noKey),
    ])
    func theExecutorMustBeInThePolicyWithTheirKeyAndRole(executor: String, key: String, expected: Refusal.Check) throws {
        let world = try AuthorityFixture()
        let sha = try AuthorityFixture.playbook("rollback.yaml").sha
        let decision = try Self.decide(world, playbook: "rollback.yaml", executor: executor, key: key,
                                       tokens: [Self.token(world, by: "cora", as: "cto", sha: sha)])
        #expect(Self.refusals(decision) == [expected], "\(decision)")
    }

    @Test func theRefusalNamesTheRoleNeededAndWhoHoldsIt() throws {
        let world = try AuthorityFixture()
        let decision = try Self.decide(world, playbook: "rollback.yaml", executor: "olivia", tokens: [])
        guard case .refused(let refusals) = decision else {
            Issue.record("granted")
            return
        }
        let executorRole = try #require(refusals.first { $0.check == .executorRole })
        #expect(executorRole.message.contains("needs role 'tech_lead', held by tara, cora, carl"), "\(executorRole)")
        let missing = try #require(refusals.first { $0.check == .missingApproval })
        #expect(missing.message.contains("ask cora or carl"), "\(missing)")
    }

    @Test func aGrantWithoutTheIncidentCommanderRefusesDestructiveStepsAtRunTime() throws {
        let world = try AuthorityFixture()
        let sha = try AuthorityFixture.playbook("rollback.yaml").sha
        let decision = try Self.decide(world, playbook: "rollback.yaml", tokens: [Self.token(world, by: "cora", as: "cto", sha: sha)])
        let grant = try Self.granted(decision)
        #expect(grant.refusal(step: "deploy", effect: .write) == nil)
        #expect(grant.refusal(step: "purge", effect: .destructive)?.check == .missingApproval)
    }
}
