/// Bytes of a script being scanned, with each byte's UTF-8 offset in the original
/// script, so that a script nested in a quoted argument (`bash -c "…"`, `psql -c "…"`)
/// reports findings at their place in the step's `run` text.
struct ShellText: Sendable {
    let bytes: [UInt8]
    /// `origins[i]` is the original offset of `bytes[i]`.
    let origins: [Int]

    init(script: String) {
        bytes = Array(script.utf8)
        origins = Array(0..<bytes.count)
    }

    init(bytes: [UInt8], origins: [Int]) {
        self.bytes = bytes
        self.origins =
            origins.count == bytes.count
            ? origins : bytes.indices.map { origins.isEmpty ? 0 : origins[min($0, origins.count - 1)] }
    }

    /// The original-script range covering `range` of these bytes.
    func original(_ range: Range<Int>) -> Range<Int> {
        guard let last = origins.last else { return 0..<0 }
        let lower = range.lowerBound < origins.count ? origins[max(0, range.lowerBound)] : last + 1
        guard !range.isEmpty else { return lower..<lower }
        let upper = origins[min(max(0, range.upperBound - 1), origins.count - 1)] + 1
        return min(lower, upper)..<max(lower, upper)
    }

    /// A part of this text, keeping original offsets.
    func slice(_ range: Range<Int>) -> ShellText {
        let clamped = range.clamped(to: 0..<bytes.count)
        return ShellText(bytes: Array(bytes[clamped]), origins: Array(origins[clamped]))
    }

    /// The unquoted value of `word` (lexed from this text) as a text of its own.
    func text(of word: ShellWord) -> ShellText {
        guard !origins.isEmpty else { return ShellText(bytes: word.value, origins: word.value.map { _ in 0 }) }
        return ShellText(bytes: word.value, origins: word.origins.map { origins[min(max(0, $0), origins.count - 1)] })
    }

    /// Words joined by spaces, as `eval`, `watch` and `ssh` do before re-parsing them.
    func joining(_ words: [ShellWord]) -> ShellText {
        var bytes: [UInt8] = []
        var origins: [Int] = []
        for word in words {
            let part = text(of: word)
            if !bytes.isEmpty {
                bytes.append(ASCII.space)
                origins.append(origins.last ?? 0)
            }
            bytes.append(contentsOf: part.bytes)
            origins.append(contentsOf: part.origins)
        }
        return ShellText(bytes: bytes, origins: origins)
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
