import Checker
import Diagnostics
import Foundation
import Language

/// Loads a playbook for `exec`, `plan` and `resume`: parsed, checked against its policy,
/// and refused with the diagnostics when anything is wrong.
struct PlaybookLoader {
    struct Loaded {
        var playbook: Playbook
        var source: SourceFile
        var policy: Policy?
        var workspace: Workspace
        /// The effect the checker settled on for each step, by step id.
        var effects: [String: Effect]
    }

    var policyPath: String?

    /// The checked playbook, or nil after printing why it cannot run.
    func load(_ path: String) -> Loaded? {
        let workspace = Workspace(policyPath: policyPath)
        guard let entry = workspace.parse(path) else {
            Terminal.error("error: \(path): cannot read the file\n")
            return nil
        }
        var diagnostics = entry.result.diagnostics
        var policy: Policy?
        if let policyFile = workspace.policyPath(for: path), let parsedPolicy = workspace.parse(policyFile) {
            policy = parsedPolicy.result.policy
            diagnostics += parsedPolicy.result.diagnostics.filter { $0.severity == .error }
        }
        guard let playbook = entry.result.playbook else {
            print(diagnostics, entry.source)
            return nil
        }
        let review = Checker.review(playbook, source: entry.source, policy: policy, callees: workspace.callees)
        diagnostics += review.diagnostics
        diagnostics = Suppressions(source: entry.source).apply(to: diagnostics)
        guard !diagnostics.hasErrors else {
            print(diagnostics.filter { $0.severity == .error }, entry.source)
            Terminal.error("refused: \(path) does not pass lint; nothing was run\n")
            return nil
        }
        return Loaded(playbook: playbook, source: entry.source, policy: policy, workspace: workspace,
                      effects: review.stepEffects)
    }

    private func print(_ diagnostics: [Diagnostic], _ source: SourceFile) {
        let renderer = TextRenderer(useColor: Terminal.wantsColor(2))
        Terminal.error(diagnostics.sortedByLocation().map { renderer.render($0, sources: [source.path: source]) }.joined())
    }
}
