import ArgumentParser

/// The `runbook` command: checks and runs incident-response playbooks.
public struct Runbook: AsyncParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "runbook",
        abstract: "Check and run incident-response playbooks written in YAML.",
        version: version,
        subcommands: [LintCommand.self, PlanCommand.self, ExecCommand.self, ResumeCommand.self, KeygenCommand.self, ApproveCommand.self, RunsCommand.self, LogCommand.self, ReportCommand.self, DocsCommand.self, SchemaCommand.self]
    )

    public init() {}
}
