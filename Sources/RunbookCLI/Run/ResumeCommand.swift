import ArgumentParser
import Engine
import Foundation

/// `runbook resume RUN_ID`: continues an interrupted or failed run without re-running finished steps.
struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Continue an interrupted run.",
        discussion: """
        Refuses when the playbook's bytes changed since the run started. Whoever resumes proves \
        their key and must hold the executor role; the approvals the run started with still \
        count, and none of their approvers may resume it. Finished steps are \
        not run again; a step that started but did not finish runs again only when it is \
        `idempotent: true` or named with --confirm. Secret params are not journaled: pass \
        them again with --param.
        """)

    @Argument(help: "The run to continue (see `runbook runs`).")
    var runID: String

    @OptionGroup(title: "Identity") var identity: IdentityOptions

    @Option(help: "The policy file, instead of the nearest runbook.policy.yaml.")
    var policy: String?

    @OptionGroup var options: RunOptions

    func run() async throws {
        let state = options.stateDirectory
        let record: RunRecord
        do {
            record = RunRecord(id: runID, events: try JournalReader.read(state.journalPath(for: runID)))
        } catch {
            Terminal.error(TerminalText.safe("error: \(error)\n", keepingNewlines: true))
            throw ExitStatus.usage.exitCode
        }
        guard let start = record.start, let path = start.playbook else {
            Terminal.error("error: run \(runID) has no start event; it cannot be resumed\n")
            throw ExitStatus.refused.exitCode
        }
        if record.status == RunStatus.succeeded.rawValue {
            Terminal.error("run \(runID) already succeeded; nothing to resume\n")
            throw ExitStatus.refused.exitCode
        }
        guard let loaded = PlaybookLoader(policyPath: policy).load(path) else { throw ExitStatus.refused.exitCode }
        let sha = RunRecord.sha256(loaded.source.bytes)
        guard sha == start.playbookSHA256 else {
            Terminal.error("refused: \(path) changed since run \(runID) started (SHA-256 \(sha.prefix(12))… ≠ \(start.playbookSHA256?.prefix(12) ?? "?")…); start a new run instead\n")
            throw ExitStatus.refused.exitCode
        }
        var given = (start.params ?? [:]).filter { $0.value != "***" }
        given.merge(try options.parsedParams()) { $1 }
        let bound = try RunLauncher.bind(loaded, given)
        var setup = RunLauncher.setup(loaded, bound: bound, executor: identity.name ?? start.executor ?? identity.resolvedName,
                                      options: options)
        var resumer = identity
        resumer.name = setup.executor
        let authorized = try RunAuthorization.authorize(
            loaded, bound: bound, effects: setup.effects, identity: resumer, tokens: [],
            recorded: start.approvals ?? [], state: state, runID: runID)
        setup.grant = authorized.grant
        setup.policyPath = authorized.policyPath
        let journal = try JournalWriter(path: state.journalPath(for: runID), signer: authorized.signer)
        let point = record.resumePoint(confirmed: Set(options.confirm))
        try await RunLauncher.launch(Runner(setup: setup, runID: runID, journal: journal), resume: point)
    }
}
