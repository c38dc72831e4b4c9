#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Facts about where output goes, so colour and live views appear only on a real terminal.
enum Terminal {
    static func isTTY(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

    /// Colour only on a terminal, never under `NO_COLOR` or `TERM=dumb`.
    static func wantsColor(_ descriptor: Int32) -> Bool {
        let environment = ProcessInfo.processInfo.environment
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return isTTY(descriptor)
    }

    static func write(_ text: String, to handle: FileHandle = .standardOutput) {
        try? handle.write(contentsOf: Data(text.utf8))
    }

    static func error(_ text: String) { write(text, to: .standardError) }
}
