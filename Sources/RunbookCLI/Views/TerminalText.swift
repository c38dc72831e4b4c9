/// Makes text from commands and servers safe to print: escape sequences and other control
/// characters cannot move the cursor, retitle the window or hide lines.
enum TerminalText {
    static func safe(_ text: String, keepingNewlines: Bool = false) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09: out.append(scalar)
            case 0x0A where keepingNewlines: out.append(scalar)
            case 0x00..<0x20, 0x7F, 0x80...0x9F:
                out.append(contentsOf: "^".unicodeScalars)
                out.append(Unicode.Scalar(scalar.value < 0x20 ? scalar.value + 0x40 : 0x3F) ?? "?")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    static func seconds(_ milliseconds: Int) -> String {
        milliseconds < 10_000 ? String(format: "%.2fs", Double(milliseconds) / 1000)
            : milliseconds < 120_000 ? String(format: "%.1fs", Double(milliseconds) / 1000)
            : "\(milliseconds / 60_000)m\(milliseconds / 1000 % 60)s"
    }
}
