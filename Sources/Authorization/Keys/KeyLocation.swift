import Foundation

/// Where keys live unless `--key` or `--out` says otherwise:
/// `$XDG_CONFIG_HOME/runbook/keys`, else `~/.config/runbook/keys`.
public struct KeyLocation: Sendable {
    public let folder: String

    public init(explicitFolder: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let explicitFolder, !explicitFolder.isEmpty {
            folder = explicitFolder
        } else if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            folder = xdg + "/runbook/keys"
        } else {
            folder = (environment["HOME"] ?? NSHomeDirectory()) + "/.config/runbook/keys"
        }
    }

    public func privateKey(for name: String) -> String { folder + "/\(name).key" }
    public func publicKey(for name: String) -> String { folder + "/\(name).pub" }
}
