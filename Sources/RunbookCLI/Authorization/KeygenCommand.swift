import ArgumentParser
import Authorization
import Foundation

/// `runbook keygen NAME`: a new Ed25519 key pair; prints the `people:` line for the policy.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Make a key pair for a person of the policy.",
        discussion: """
        Writes NAME.key (mode 0600; never overwritten) and NAME.pub to --out, else \
        $XDG_CONFIG_HOME/runbook/keys (~/.config/runbook/keys). Prints the line to paste under \
        `people:` in runbook.policy.yaml; give it that person's roles.
        """)

    @Argument(help: "The person's name, as the policy will list them (letters, digits, . _ -).")
    var name: String

    @Option(help: ArgumentHelp("Where to write the key files.", valueName: "DIR"))
    var out: String?

    func validate() throws {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "._-"))
        guard !name.isEmpty, !name.hasPrefix("."), name.unicodeScalars.allSatisfy({ $0.isASCII && allowed.contains($0) }) else {
            throw ValidationError("a name is letters, digits, '.', '_' and '-', not starting with '.'; got '\(name)'")
        }
    }

    func run() throws {
        let location = KeyLocation(explicitFolder: out)
        let key = SigningKey()
        let privatePath = location.privateKey(for: name)
        do {
            try KeyFile.write(key, name: name, to: privatePath)
            try "\(key.publicKey)\n".write(toFile: location.publicKey(for: name), atomically: true, encoding: .utf8)
        } catch {
            Terminal.error(TerminalText.safe("error: \(error)\n", keepingNewlines: true))
            throw ExitStatus.usage.exitCode
        }
        Terminal.error("wrote \(privatePath) (private, mode 0600: keep it to yourself) and \(location.publicKey(for: name))\nadd this under `people:` in runbook.policy.yaml, with your roles:\n")
        Terminal.write("  \(name): { roles: [ROLE], key: \"\(key.publicKey)\" }\n")
    }
}
