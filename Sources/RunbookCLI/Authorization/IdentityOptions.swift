import ArgumentParser
import Authorization
import Foundation

/// `--as NAME --key FILE`: who a command acts as, and the private key that proves it.
struct IdentityOptions: ParsableArguments {
    @Option(name: .customLong("as"), help: ArgumentHelp("Who you are, as the policy's people name you (default: $USER).", valueName: "NAME"))
    var name: String?

    @Option(help: ArgumentHelp("Your private key (default: $XDG_CONFIG_HOME/runbook/keys/NAME.key).", valueName: "FILE"))
    var key: String?

    var resolvedName: String {
        let environment = ProcessInfo.processInfo.environment
        return name ?? environment["USER"] ?? environment["LOGNAME"] ?? "unknown"
    }

    /// The key for `resolvedName`, or a refusal printed before anything runs.
    func loadKey() throws -> SigningKey {
        let path = key ?? KeyLocation().privateKey(for: resolvedName)
        do {
            return try KeyFile.read(path).key
        } catch {
            Terminal.error(TerminalText.safe("error: \(error)\nrefused: nothing was run\n", keepingNewlines: true))
            throw ExitStatus.refused.exitCode
        }
    }
}

/// `--approval TOKEN …` and `--approvals-file FILE`.
struct ApprovalOptions: ParsableArguments {
    @Option(name: .customLong("approval"), help: ArgumentHelp("An approval token from `runbook approve` (repeatable).", valueName: "TOKEN"))
    var tokens: [String] = []

    @Option(name: .customLong("approvals-file"), help: ArgumentHelp("A file of approval tokens, one per line (# comments).", valueName: "FILE"))
    var file: String?

    func allTokens() throws -> [String] {
        guard let file else { return tokens }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ValidationError("cannot read the approvals file \(file)")
        }
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        return tokens + lines
    }
}
