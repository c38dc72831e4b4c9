/// Splits a `sql` field into statements the way psql does, for servers reached over the
/// extended protocol (postgres-nio 1.33.2 has no simple-query message, and the extended
/// protocol takes one statement at a time).
///
/// Semicolons inside quotes (`'…'`, `E'…'`, `"…"`, `$tag$…$tag$`), comments (`--`, nested
/// `/* */`), parentheses and `BEGIN ATOMIC … END` bodies do not split.
struct SQLScript: Sendable, Equatable {
    /// One statement, without its terminating semicolon.
    struct Statement: Sendable, Equatable {
        var text: String
        /// The first two words, upper-cased (`["START", "TRANSACTION"]`), to classify it.
        var leadingWords: [String]

        /// `COPY … FROM STDIN` or `COPY … TO STDOUT`, which stream through the client: postgres-nio
        /// 1.33.2 cannot, and the connection would be lost.
        var copiesThroughClient = false

        /// Whether it begins, ends or marks a transaction, which a `max_rows` budget cannot allow.
        var controlsTransaction: Bool {
            guard let first = leadingWords.first else { return false }
            switch first {
            case "BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE":
                return true
            case "PREPARE":
                return leadingWords.dropFirst().first == "TRANSACTION"
            default:
                return false
            }
        }
    }

    var statements: [Statement]

    init(_ sql: String) {
        statements = Self.split(Array(sql.utf8))
    }

    var controlsTransaction: Bool { statements.contains(where: \.controlsTransaction) }
    var copiesThroughClient: Bool { statements.contains(where: \.copiesThroughClient) }

    private static func split(_ bytes: [UInt8]) -> [Statement] {
        var statements: [Statement] = []
        var start = 0
        var index = 0
        var hasContent = false
        var words: [String] = []
        var previousWord = ""
        var parentheses = 0
        var atomicDepth = 0
        var clientCopy = false

        func finish(at end: Int) {
            if hasContent {
                statements.append(Statement(
                    text: trimmed(bytes[start..<end]), leadingWords: Array(words.prefix(2)), copiesThroughClient: clientCopy
                ))
            }
            start = end + 1
            hasContent = false
            words = []
            previousWord = ""
            parentheses = 0
            atomicDepth = 0
            clientCopy = false
        }

        while index < bytes.count {
            let byte = bytes[index]
            let next: UInt8? = index + 1 < bytes.count ? bytes[index + 1] : nil
            switch byte {
            case UInt8(ascii: "-") where next == UInt8(ascii: "-"):
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                continue
            case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
                index = skipBlockComment(bytes, from: index)
                continue
            case UInt8(ascii: "'"):
                hasContent = true
                index = skipQuoted(bytes, from: index, quote: byte, backslashEscapes: isEscapeStringPrefix(bytes, at: index))
                continue
            case UInt8(ascii: "\""):
                hasContent = true
                index = skipQuoted(bytes, from: index, quote: byte, backslashEscapes: false)
                continue
            case UInt8(ascii: "$") where !(index > 0 && isIdentifierByte(bytes[index - 1])):
                hasContent = true
                if let end = skipDollarQuoted(bytes, from: index) {
                    index = end
                    continue
                }
                index += 1
                continue
            case UInt8(ascii: "("):
                hasContent = true
                parentheses += 1
            case UInt8(ascii: ")"):
                hasContent = true
                parentheses = max(0, parentheses - 1)
            case UInt8(ascii: ";"):
                if parentheses == 0 && atomicDepth == 0 {
                    finish(at: index)
                }
            case _ where isIdentifierStart(byte):
                var end = index
                while end < bytes.count, isIdentifierByte(bytes[end]) { end += 1 }
                let word = String(decoding: bytes[index..<end], as: UTF8.self).uppercased()
                hasContent = true
                if words.count < 2 { words.append(word) }
                if words.first == "COPY" && (word == "STDIN" || word == "STDOUT") { clientCopy = true }
                if word == "ATOMIC" && previousWord == "BEGIN" {
                    atomicDepth += 1
                } else if atomicDepth > 0 && word == "CASE" {
                    atomicDepth += 1
                } else if atomicDepth > 0 && word == "END" {
                    atomicDepth -= 1
                }
                previousWord = word
                index = end
                continue
            default:
                if !isWhitespace(byte) { hasContent = true }
            }
            index += 1
        }
        finish(at: bytes.count)
        return statements
    }

    private static func skipBlockComment(_ bytes: [UInt8], from start: Int) -> Int {
        var depth = 0
        var index = start
        while index < bytes.count {
            let next: UInt8? = index + 1 < bytes.count ? bytes[index + 1] : nil
            if bytes[index] == UInt8(ascii: "/"), next == UInt8(ascii: "*") {
                depth += 1
                index += 2
            } else if bytes[index] == UInt8(ascii: "*"), next == UInt8(ascii: "/") {
                depth -= 1
                index += 2
                if depth == 0 { return index }
            } else {
                index += 1
            }
        }
        return index
    }

    /// Returns the index after the closing quote (a doubled quote is part of the text).
    private static func skipQuoted(_ bytes: [UInt8], from start: Int, quote: UInt8, backslashEscapes: Bool) -> Int {
        var index = start + 1
        while index < bytes.count {
            let byte = bytes[index]
            if backslashEscapes && byte == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if byte == quote {
                if index + 1 < bytes.count, bytes[index + 1] == quote {
                    index += 2
                    continue
                }
                return index + 1
            }
            index += 1
        }
        return index
    }

    /// `E'…'` (or `e'…'`) where the E is a word of its own.
    private static func isEscapeStringPrefix(_ bytes: [UInt8], at quote: Int) -> Bool {
        guard quote > 0, bytes[quote - 1] == UInt8(ascii: "E") || bytes[quote - 1] == UInt8(ascii: "e") else {
            return false
        }
        return quote < 2 || !isIdentifierByte(bytes[quote - 2])
    }

    /// At a `$`: the index after `$tag$…$tag$`, or nil when it is no dollar quote (`$1`, a lone `$`).
    private static func skipDollarQuoted(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start + 1
        if index < bytes.count, bytes[index] != UInt8(ascii: "$") {
            guard isIdentifierStart(bytes[index]) else { return nil }
            while index < bytes.count, bytes[index] != UInt8(ascii: "$") {
                guard isIdentifierByte(bytes[index]), bytes[index] != UInt8(ascii: "$") else { return nil }
                index += 1
            }
        }
        guard index < bytes.count else { return nil }
        let delimiter = Array(bytes[start...index])
        var search = index + 1
        while search + delimiter.count <= bytes.count {
            if bytes[search] == UInt8(ascii: "$"), Array(bytes[search..<search + delimiter.count]) == delimiter {
                return search + delimiter.count
            }
            search += 1
        }
        return bytes.count
    }

    private static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "$")
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C || byte == 0x0B
    }

    /// The statement without surrounding white space: ASCII white space by bytes, and only
    /// when non-ASCII text remains at either end, Unicode white space by characters.
    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> String {
        var bytes = bytes
        while let first = bytes.first, isWhitespace(first) { bytes.removeFirst() }
        while let last = bytes.last, isWhitespace(last) { bytes.removeLast() }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let first = bytes.first, let last = bytes.last, first >= 0x80 || last >= 0x80 else { return text }
        var scalars = Substring(text)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
