/// Renders diagnostics as the Swift compiler and rustc do: a `file:line:col:` header,
/// the source line, and a caret under the offending range.
public struct TextRenderer: Sendable {
    public var useColor: Bool

    public init(useColor: Bool) {
        self.useColor = useColor
    }

    /// The rendered diagnostic; `sources` supplies the quoted lines, keyed by path.
    public func render(_ diagnostic: Diagnostic, sources: [String: SourceFile]) -> String {
        var out = ""
        let header = "\(diagnostic.range.start): "
        out += bold(header)
        out += paint(diagnostic.severity.rawValue + ":", severityColor(diagnostic.severity))
        out += bold(" \(sanitize(diagnostic.message))")
        out += dim(" [\(diagnostic.rule)]")
        out += "\n"
        if let source = sources[diagnostic.range.start.file] {
            out += excerpt(of: diagnostic.range, in: source, color: severityColor(diagnostic.severity))
        }
        for note in diagnostic.notes {
            if let range = note.range, range.start.line != diagnostic.range.start.line
                || range.start.file != diagnostic.range.start.file
            {
                out += bold("\(range.start): ") + paint("note:", .cyan) + " \(sanitize(note.message))\n"
                if let source = sources[range.start.file] {
                    out += excerpt(of: range, in: source, color: .cyan)
                }
            } else {
                out += "  " + paint("= note:", .cyan) + " \(sanitize(note.message))\n"
            }
        }
        return out
    }

    /// The source line of `range` with a gutter and `^~~~` under the range.
    func excerpt(of range: SourceRange, in source: SourceFile, color: Color) -> String {
        let lineNumber = range.start.line
        guard let line = source.line(lineNumber) else { return "" }
        let gutter = String(lineNumber)
        let pad = String(repeating: " ", count: gutter.count)
        let visible = sanitize(line)
        let scalars = Array(visible.unicodeScalars)
        let startColumn = max(1, min(range.start.column, scalars.count + 1))
        var width = 1
        if range.end.line == range.start.line, range.end.column > range.start.column {
            width = range.end.column - range.start.column
        } else if range.end.line > range.start.line {
            width = max(1, scalars.count - startColumn + 1)
        }
        width = max(1, min(width, max(1, scalars.count - startColumn + 1)))
        var indent = ""
        for scalar in scalars.prefix(startColumn - 1) {
            indent.unicodeScalars.append(scalar == "\t" ? "\t" : " ")
        }
        let marker = "^" + String(repeating: "~", count: width - 1)
        return " \(gutter) " + dim("|") + " \(visible)\n"
            + " \(pad) " + dim("|") + " \(indent)" + paint(marker, color) + "\n"
    }

    /// Control characters are shown as `\u{..}` so a hostile file cannot drive the terminal.
    func sanitize(_ line: String) -> String {
        var out = ""
        for scalar in line.unicodeScalars {
            if scalar.value < 0x20 && scalar != "\t" || scalar.value == 0x7F
                || (0x80...0x9F).contains(scalar.value)
            {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    public enum Color: String, Sendable {
        case red = "31"
        case yellow = "33"
        case cyan = "36"
        case green = "32"
    }

    func severityColor(_ severity: Severity) -> Color {
        switch severity {
        case .error: .red
        case .warning: .yellow
        case .note: .cyan
        }
    }

    func paint(_ text: String, _ color: Color) -> String {
        useColor ? "\u{1B}[1;\(color.rawValue)m\(text)\u{1B}[0m" : text
    }

    func bold(_ text: String) -> String {
        useColor ? "\u{1B}[1m\(text)\u{1B}[0m" : text
    }

    func dim(_ text: String) -> String {
        useColor ? "\u{1B}[2m\(text)\u{1B}[0m" : text
    }
}
