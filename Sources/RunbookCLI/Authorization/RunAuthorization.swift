import Authorization
import Engine
import Foundation
import Language

/// Between loading a playbook and running it: the executor proves their key, the approvals
/// are verified and used up, and the run gets its grant and journal signer.
enum RunAuthorization {
    struct Authorized {
        var grant: Grant
        var signer: JournalWriter.Signer
        var policyPath: String
    }

    /// Refuses (exit 4, every failed check printed) unless the run may start. Approvals'
    /// nonces are recorded in the state dir only when everything else passed.
    static func authorize(
        _ loaded: PlaybookLoader.Loaded, bound: ParamBinder.Bound, effects: [String: Effect],
        identity: IdentityOptions, tokens: [String], recorded: [VerifiedApproval] = [],
        state: StateDirectory, runID: String
    ) throws -> Authorized {
        guard let policy = loaded.policy else {
            throw refused(["no policy governs \(loaded.playbook.path); runs need one to say who may run them"])
        }
        let key = try identity.loadKey()
        var request = AuthorizationRequest(
            policy: policy, playbook: loaded.playbook, playbookSHA256: RunRecord.sha256(loaded.source.bytes),
            paramValues: bound.params.mapValues(\.text), effects: effects, executor: identity.resolvedName,
            executorKey: key, tokens: tokens)
        request.recordedApprovals = recorded
        switch Authorizer(request).evaluate() {
        case .refused(let refusals):
            throw refused(refusals.map(\.description))
        case .granted(let grant):
            let fresh = grant.approvals.filter { approval in !recorded.contains { $0.nonce == approval.nonce } }
            let replayed: [String: String]
            do {
                replayed = try NonceLedger(stateDirectory: state.path)
                    .consume(fresh.map { ($0.nonce, $0.approver) }, runID: runID)
            } catch {
                throw refused(["\(error)"])
            }
            if !replayed.isEmpty {
                throw refused(fresh.compactMap { approval in
                    replayed[approval.nonce].map {
                        "approval by \(approval.approver) as \(approval.role) was already used by run \($0); a token works once [replayed]"
                    }
                })
            }
            return Authorized(grant: grant, signer: { try key.sign($0) }, policyPath: policy.path)
        }
    }

    /// Prints the refusal and returns the exit status to throw.
    private static func refused(_ messages: [String]) -> Error {
        Terminal.error(messages.map { "error: \($0)\n" }.joined() + "refused: nothing was run\n")
        return ExitStatus.refused.exitCode
    }
}
