import ArgumentParser
import RunbookCLI

/// Enters through `AsyncParsableCommand.main`, so async subcommands run on the async path.
func start<Command: AsyncParsableCommand>(_ command: Command.Type) async {
    await command.main()
}

await start(Runbook.self)
