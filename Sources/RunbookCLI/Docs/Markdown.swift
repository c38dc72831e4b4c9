import Foundation
import Language

/// Small pieces of GitHub-flavoured Markdown, built so any text fits in them safely.
enum Markdown {
    /// `text` as inline code, fenced with more backticks than it holds; empty text shows as `""`.
    static func code(_ text: String) -> String {
        guard !text.isEmpty else { return "`\"\"`" }
        let fence = String(repeating: "`", count: longestRun(of: "`", in: text) + 1)
        let pad = text.hasPrefix("`") || text.hasSuffix("`") || (text.hasPrefix(" ") && text.hasSuffix(" ")) ? " " : ""
        return fence + pad + text + pad + fence
    }

    /// A fenced code block, every line prefixed with `indent` (for blocks inside list items).
    static func block(_ text: String, language: String, indent: String = "") -> String {
        let fence = String(repeating: "`", count: max(3, longestRun(of: "`", in: text) + 1))
        let body = text.trimmingTrailingNewlines()
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : indent + $0 }
        return indent + fence + language + "\n" + lines.joined(separator: "\n") + "\n" + indent + fence + "\n"
    }

    /// A table; cells are escaped here, so callers pass Markdown for one line.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var out = "| " + header.joined(separator: " | ") + " |\n"
        out += "|" + String(repeating: " --- |", count: header.count) + "\n"
        for row in rows { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
        return out
    }

    /// One table cell: pipes escaped (even inside code), lines joined.
    static func cell(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        return flat.replacingOccurrences(of: "|", with: "\\|")
    }

    /// Plain text with the characters Markdown would act on escaped (a heading's `#` only at
    /// the start of a line, as tables escape `|` themselves); `_` inside a word
    /// (`restore_schema`) is left alone, as Markdown leaves it.
    static func escaped(_ text: String) -> String {
        let characters = Array(text)
        var out = ""
        for (index, character) in characters.enumerated() {
            let startsLine = index == 0 || characters[index - 1].isNewline
            if "\\`*[]<>".contains(character) || (character == "#" && startsLine) {
                out.append("\\")
            } else if character == "_" {
                let before = index > 0 ? characters[index - 1] : " "
                let after = index + 1 < characters.count ? characters[index + 1] : " "
                if !(before.isLetter || before.isNumber) || !(after.isLetter || after.isNumber) { out.append("\\") }
            }
            out.append(character)
        }
        return out
    }

    /// Author prose, kept as Markdown (backticks, emphasis, links work) except that `<` outside
    /// code is escaped, so `bull:<queue>:failed` is not taken for an HTML tag and dropped.
    static func prose(_ text: String) -> String {
        var out = ""
        var openingRun = 0  // the backtick run that opened the code span we are in; 0 outside code
        var run = 0
        func endRun() {
            guard run > 0 else { return }
            openingRun = openingRun == 0 ? run : (openingRun == run ? 0 : openingRun)
            out += String(repeating: "`", count: run)
            run = 0
        }
        for character in text {
            if character == "`" {
                run += 1
                continue
            }
            endRun()
            if character == "<" && openingRun == 0 { out.append("\\") }
            out.append(character)
        }
        endRun()
        return out
    }

    /// A sentence of runbook's own whose 'quoted' names become inline code.
    static func quotedNamesAsCode(_ text: String) -> String {
        let parts = text.split(separator: "'", omittingEmptySubsequences: false).map(String.init)
        guard parts.count % 2 == 1 else { return escaped(text) }
        return parts.enumerated().map { $0.offset % 2 == 1 ? code($0.element) : escaped($0.element) }.joined()
    }

    /// `text` as a block quote with its line breaks kept.
    static func quote(_ text: String) -> String {
        quoted(lineBreaks(text))
    }

    /// Every line of `markdown` behind `>`.
    static func quoted(_ markdown: String) -> String {
        markdown.trimmingTrailingNewlines().appending("\n").split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            .map { $0.isEmpty ? ">\n" : "> " + $0 + "\n" }.joined()
    }

    /// `text` with each line break kept (a hard break, `\` at the end of the line) and
    /// blank lines still separating paragraphs.
    static func lineBreaks(_ text: String) -> String {
        let lines = text.trimmingTrailingNewlines().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out = ""
        for (index, line) in lines.enumerated() {
            let next = index + 1 < lines.count ? lines[index + 1] : ""
            out += line + (!line.isEmpty && !next.isEmpty ? "\\" : "") + "\n"
        }
        return out
    }

    /// `a`, `b` and `c`, each as inline code.
    static func codeList(_ items: [String], conjunction: String = "and") -> String {
        let coded = items.map(code)
        guard coded.count > 1 else { return coded.first ?? "" }
        return coded.dropLast().joined(separator: ", ") + " \(conjunction) " + coded[coded.count - 1]
    }

    private static func longestRun(of character: Character, in text: String) -> Int {
        var longest = 0
        var current = 0
        for scalar in text {
            current = scalar == character ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = Substring(self)
        while text.last?.isNewline == true { text.removeLast() }
        return String(text)
    }
}

extension Template {
    /// As written in the YAML: text, with each expression as `${{ … }}`.
    var asWritten: String {
        parts.map { part in
            switch part {
            case .text(let text): text
            case .expression(let expression): "${{ \(expression) }}"
            }
        }.joined()
    }

    /// Author prose (a description, an instruction): Markdown as written, expressions as code
    /// (or as written inside the author's own code span).
    var prose: String {
        var insideCode = false
        return parts.map { part in
            switch part {
            case .text(let chunk):
                if chunk.filter({ $0 == "`" }).count % 2 == 1 { insideCode.toggle() }
                return Markdown.prose(chunk)
            case .expression(let expression):
                return insideCode ? "${{ \(expression) }}" : Markdown.code("${{ \(expression) }}")
            }
        }.joined()
    }

    /// Text for people (a message): Markdown characters escaped, expressions as code.
    var plainText: String {
        parts.map { part in
            switch part {
            case .text(let chunk): Markdown.escaped(chunk)
            case .expression(let expression): Markdown.code("${{ \(expression) }}")
            }
        }.joined()
    }

    /// Whether a line starts with a space or tab: text laid out by hand, which only a code
    /// block keeps as written.
    var isPreformatted: Bool {
        asWritten.split(separator: "\n").contains { $0.first == " " || $0.first == "\t" }
    }
}
