/// A sentence of a report made of fixed words and values from the journal, so each format can
/// quote the values its own way: Markdown as code spans or escaped text, JSON and text as they are.
struct ReportPhrase: Sendable, Equatable {
    enum Part: Sendable, Equatable {
        /// Words the report writes itself.
        case text(String)
        /// An identifier from the journal (a step id, a probe name): a code span in Markdown.
        case name(String)
        /// Free text from the journal (a title, a person, a message): escaped in Markdown.
        case value(String)
    }

    var parts: [Part] = []

    static func + (phrase: ReportPhrase, part: Part) -> ReportPhrase {
        ReportPhrase(parts: phrase.parts + [part])
    }

    /// The words and values as they are, on one line.
    var plain: String {
        parts.map { part in
            switch part {
            case .text(let text), .name(let text), .value(let text): text
            }
        }.joined()
    }

    var markdown: String {
        parts.map { part in
            switch part {
            case .text(let text): text
            case .name(let text): MarkdownText.code(text)
            case .value(let text): MarkdownText.escape(text)
            }
        }.joined()
    }
}

/// Quoting journal text into Markdown so it cannot start a heading, a link, a table cell or an
/// HTML tag, and cannot move the terminal: every value is made one line of safe text first.
enum MarkdownText {
    /// `text` as one line, escaped so Markdown shows it literally (also inside a table cell).
    static func escape(_ text: String) -> String {
        let characters = Array(TerminalText.safe(text))
        var out = ""
        for (index, character) in characters.enumerated() {
            switch character {
            case "\\", "`", "*", "[", "]", "<", ">", "|", "#", "~", "&": out += "\\\(character)"
            case "_":
                // Only where it could open or close emphasis: `flush_cache` stays readable.
                let before = index > 0 ? characters[index - 1] : " "
                let after = index + 1 < characters.count ? characters[index + 1] : " "
                out += before.isLetter || before.isNumber ? (after.isLetter || after.isNumber ? "_" : "\\_") : "\\_"
            default: out.append(character)
            }
        }
        return out
    }

    /// `text` as one line in a code span, fenced with more backticks than it holds in a row;
    /// `|` is escaped so the span can stand in a table cell.
    static func code(_ text: String) -> String {
        let line = TerminalText.safe(text).replacingOccurrences(of: "|", with: "\\|")
        var longest = 0
        var run = 0
        for character in line {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let padded = line.hasPrefix("`") || line.hasSuffix("`") || line.isEmpty ? " \(line) " : line
        return fence + padded + fence
    }

    /// Text shown literally as an indented code block: every line, even an empty one, starts
    /// with four spaces, so nothing in it can end the block.
    static func block(_ text: String) -> String {
        TerminalText.safe(text, keepingNewlines: true).split(separator: "\n", omittingEmptySubsequences: false)
            .map { "    \($0)" }.joined(separator: "\n")
    }
}
