/// Makes text from commands and servers safe to print: escape sequences and other control
/// characters cannot move the cursor, retitle the window or hide lines.
enum TerminalText {
    static func safe(_ text: String, keepingNewlines: Bool = false) -> String {
        // Most text has no control character: no byte below 0x20, no DEL, no C1 (0xC2 0x80…0x9F).
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x7F && $0 != 0xC2 }) { return text }
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
        if milliseconds < 10_000 {
            let hundredths = (milliseconds + 5) / 10
            return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)s"
        }
        if milliseconds < 120_000 {
            let tenths = (milliseconds + 50) / 100
            return "\(tenths / 10).\(tenths % 10)s"
        }
        return "\(milliseconds / 60_000)m\(milliseconds / 1000 % 60)s"
    }
}
