import ArgumentParser
import Authorization
import Checker
import Engine
import Foundation
import Language

/// `runbook approve PLAYBOOK --param k=v … --as NAME`: a signed, single-use approval of this
/// playbook's exact bytes and these parameter values, printed alone on stdout.
struct ApproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Approve one run of a playbook with given params; prints a token.",
        discussion: """
        The token binds the playbook file's SHA-256, the parameter values, you, the role you \
        approve as, an expiry and a nonce; `exec --approval TOKEN` accepts it once. Only the \
        token goes to stdout: TOKEN=$(runbook approve …) works.
        """)

    @Argument(help: "The playbook to approve.")
    var playbook: String

    @Option(name: .customLong("param"), help: ArgumentHelp("A parameter value, k=v, exactly as the run will pass it (repeatable).", valueName: "k=v"))
    var params: [String] = []

    @OptionGroup var identity: IdentityOptions

    @Option(help: ArgumentHelp("The role you approve as (default: the first approval the playbook needs that you hold).", valueName: "ROLE"))
    var role: String?

    @Option(help: ArgumentHelp("How long the approval stays valid, e.g. 30m, 1h (at most 24h).", valueName: "DURATION"))
    var ttl = "1h"

    @Option(help: "Why you approve; recorded in the run's journal and report.")
    var reason: String?

    @Option(help: "The policy file, instead of the nearest runbook.policy.yaml.")
    var policy: String?

    func validate() throws {
        guard let duration = Language.Duration(parsing: ttl), duration.milliseconds > 0,
              duration.milliseconds <= 24 * 3_600_000 else {
            throw ValidationError("--ttl takes a duration from 1s to 24h, like 30m or 1h; got '\(ttl)'")
        }
    }

    func run() throws {
        let given = try RunOptions.parse(params.flatMap { ["--param", $0] }).parsedParams()
        guard let loaded = PlaybookLoader(policyPath: policy).load(playbook) else { throw ExitStatus.refused.exitCode }
        let bound: ParamBinder.Bound
        switch ParamBinder(playbook: loaded.playbook).bind(given, environment: nil) {
        case .success(let value): bound = value
        case .failure(let problems): throw refused(problems.messages)
        }
        guard let policy = loaded.policy else { throw refused(["no policy governs \(playbook)"]) }
        let name = identity.resolvedName
        let key = try identity.loadKey()
        let person: Person
        switch Authorizer.prove(name, holds: key, in: policy) {
        case .success(let found): person = found
        case .failure(let refusal): throw refused([refusal.description])
        }
        let chosenRole = try approvalRole(loaded, person, policy)
        let now = Int(Date().timeIntervalSince1970)
        let nonce = ParamDigest.newNonce()
        let seconds = Int((Language.Duration(parsing: ttl)?.milliseconds ?? 3_600_000) / 1000)
        let claims = ApprovalClaims(
            playbookID: loaded.playbook.id.value, playbookSHA256: RunRecord.sha256(loaded.source.bytes),
            paramsDigest: ParamDigest.digest(bound.params.mapValues(\.text), nonce: nonce), params: bound.shownParams,
            approver: name, role: chosenRole, issuedAt: now, expiresAt: now + seconds, nonce: nonce, reason: reason)
        let token = try ApprovalToken(signing: claims, with: key)
        let shown = bound.shownParams.keys.sorted().map { "\($0)=\(bound.shownParams[$0, default: ""])" }.joined(separator: " ")
        Terminal.error("approved \(loaded.playbook.id.value) (level \(loaded.playbook.level.value)) as \(chosenRole)\(shown.isEmpty ? "" : " for \(shown)"), valid until \(Timestamp.format(Date(timeIntervalSince1970: TimeInterval(now + seconds)))), for one run\n")
        Terminal.write(token.text + "\n")
    }

    /// `--role`, else the first approval the playbook needs that the approver holds.
    private func approvalRole(_ loaded: PlaybookLoader.Loaded, _ person: Person, _ policy: Policy) throws -> String {
        let graph = RoleGraph(policy)
        let holds = { (role: String) in person.roles.contains { graph.role($0.value, holds: role) } }
        if let role {
            guard holds(role) else {
                throw refused(["\(person.name.value) does not hold role '\(role)' (roles: \(person.roles.map(\.value).joined(separator: ", ")))"])
            }
            return role
        }
        let effects = loaded.effects
        let required = Authorizer.requiredApprovals(policy: policy, playbook: loaded.playbook, effects: effects)
        guard !required.isEmpty else { throw refused(["\(loaded.playbook.id.value) needs no approval to run"]) }
        guard let need = required.first(where: { holds($0.role) }) else {
            throw refused(["\(person.name.value) (roles: \(person.roles.map(\.value).joined(separator: ", "))) holds none of the roles this playbook needs approved: \(required.map(\.role).joined(separator: ", "))"])
        }
        return need.role
    }

    private func refused(_ messages: [String]) -> Error {
        Terminal.error(messages.map { "error: \($0)\n" }.joined() + "refused: no approval was made\n")
        return ExitStatus.refused.exitCode
    }
}
