import Authorization
import Checker
import Engine
import Foundation

/// The check behind `runbook log --verify`, shared with `runbook report`: a journal's hash
/// chain and signatures against the people's keys in the policy the run used (or `--policy`).
enum JournalCheck {
    enum Outcome {
        /// No policy could be found or read, so there are no keys to check signatures with.
        case noPolicy
        case checked(JournalVerifier.Report, policyPath: String)
    }

    /// Verifies the journal `data` whose start line is `start`, with the keys of `policy`, else
    /// of the policy the start line records, else of the one nearest the playbook.
    static func verify(_ data: Data, start: JournalEvent?, policy: String?) -> Outcome {
        guard let policyPath = policy ?? start?.policy ?? start?.playbook.flatMap({ Workspace().policyPath(for: $0) }),
              let parsed = Workspace(policyPath: policyPath).parse(policyPath)?.result.policy else {
            return .noPolicy
        }
        let keys = Dictionary(parsed.people.compactMap { person in
            person.key.flatMap { PublicSigningKey(text: $0.value) }.map { (person.name.value, $0) }
        }) { first, _ in first }
        return .checked(JournalVerifier { keys[$0] }.verify(data), policyPath: policyPath)
    }

    /// What `log --verify` says when there is no policy to take keys from.
    static func noPolicyMessage(_ runID: String) -> String {
        "cannot find the policy whose keys verify run \(runID); pass --policy FILE"
    }
}
