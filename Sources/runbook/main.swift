import ArgumentParser
import Foundation
import NIOCore
import NIOPosix
import RunbookCLI

/// Parses and runs the command; every error leaves through here, and command-line
/// mistakes exit with runbook's usage status (2) rather than the parser's 64.
func start<Command: AsyncParsableCommand>(_ command: Command.Type) async {
    // A full disk or a file-size limit must fail the journal's write with an error the run
    // reports, not kill the process; a closed stdout pipe must not end a run mid-step.
    // (Steps' own processes start with default signal handling.)
    signal(SIGXFSZ, SIG_IGN)
    signal(SIGPIPE, SIG_IGN)
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

// Tasks run on NIO's event loops, the threads that own the postgres and HTTP connections, so
// a request and its answer need no hand-off between Swift's thread pool and an event loop
// (two thread switches a step; docs/performance.md). hiredis calls and terminal reads block
// threads of their own; fdatasync and shellcheck block one loop while the run waits for them
// anyway. If the hook cannot be installed, tasks stay on Swift's pool: slower, same behaviour.
NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
await start(Runbook.self)
