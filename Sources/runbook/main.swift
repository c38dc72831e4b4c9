import ArgumentParser
import Foundation
import RunbookCLI

/// Parses and runs the command; every error leaves through here, and command-line
/// mistakes exit with runbook's usage status (2) rather than the parser's 64.
func start<Command: AsyncParsableCommand>(_ command: Command.Type) async {
    do {
        var parsed = try command.parseAsRoot()
        if var asyncCommand = parsed as? AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try parsed.run()
        }
    } catch {
        if command.exitCode(for: error) == .validationFailure {
            FileHandle.standardError.write(Data((command.fullMessage(for: error) + "\n").utf8))
            exit(ExitStatus.usage.rawValue)
        }
        command.exit(withError: error)
    }
}

await start(Runbook.self)
