import ArgumentParser
import Engine

/// `runbook exec PLAYBOOK`: checks, validates params, then runs preconditions, steps and verify.
struct ExecCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Run a playbook.",
        discussion: """
        The playbook is linted first; any error refuses the run. Exit status: 0 succeeded, \
        1 a step failed, 3 verification failed, 4 refused before the first step (lint, params, \
        identity, approvals, a precondition), 130 interrupted (resume it with `runbook resume RUN_ID`). \
        You prove who you are with your private key (`runbook keygen`); approvals the level or \
        the steps' effects need come from other people, as tokens from `runbook approve`.
        """)

    @Argument(help: "The playbook to run.")
    var playbook: String

    @OptionGroup(title: "Identity and approvals") var identity: IdentityOptions

    @OptionGroup var approvals: ApprovalOptions

    @Option(help: "The policy file, instead of the nearest runbook.policy.yaml.")
    var policy: String?

    @OptionGroup var options: RunOptions

    func run() async throws {
        let given = try options.parsedParams()
        guard let loaded = PlaybookLoader(policyPath: policy).load(playbook) else {
            throw ExitStatus.refused.exitCode
        }
        let bound = try RunLauncher.bind(loaded, given)
        let runID = RunRecord.newID(playbookID: loaded.playbook.id.value)
        var setup = RunLauncher.setup(loaded, bound: bound, executor: identity.resolvedName, options: options)
        let authorized = try RunAuthorization.authorize(
            loaded, bound: bound, effects: setup.effects, identity: identity, tokens: try approvals.allTokens(),
            state: options.stateDirectory, runID: runID)
        setup.grant = authorized.grant
        setup.policyPath = authorized.policyPath
        let journal: JournalWriter
        do {
            journal = try JournalWriter(path: options.stateDirectory.journalPath(for: runID), signer: authorized.signer)
        } catch {
            Terminal.error(TerminalText.safe("error: \(error)\nrefused: nothing was run\n", keepingNewlines: true))
            throw ExitStatus.refused.exitCode
        }
        try await RunLauncher.launch(Runner(setup: setup, runID: runID, journal: journal))
    }
}
