import Diagnostics
import Language
import YAMLLoader

/// The text of a script or SQL scalar, with `${{ … }}` masked to same-length placeholders
/// so analysers see valid text and their offsets still map back into the file.
struct ScriptText {
    let text: String
    private let node: YAMLNode
    private let source: SourceFile

    init(node: YAMLNode, source: SourceFile) {
        self.text = Self.mask(node.scalar?.value ?? "")
        self.node = node
        self.source = source
    }

    /// The file range of a UTF-8 byte range of `text`. Only findings need a place, so the
    /// position map is made here rather than for every script.
    func range(ofBytes bytes: Range<Int>) -> SourceRange {
        let lower = scalarOffset(ofByte: bytes.lowerBound)
        let upper = scalarOffset(ofByte: bytes.upperBound)
        return ScalarPositionMap(node: node, source: source).range(lower..<max(lower, upper))
    }

    /// The Unicode scalar offset of the scalar holding UTF-8 byte `byte` (clamped to the text;
    /// the end of the text is the scalar count).
    private func scalarOffset(ofByte byte: Int) -> Int {
        let utf8 = text.utf8
        let clamped = max(0, min(byte, utf8.count))
        var scalars = 0
        for unit in utf8.prefix(clamped + 1) where !UTF8.isContinuation(unit) { scalars += 1 }
        // Counting through `byte` itself counts its own scalar (or nothing, at the end).
        return clamped < utf8.count ? scalars - 1 : scalars
    }

    /// Replaces every `${{ … }}` by as many `x`s as it has Unicode scalars, so scalar offsets
    /// stay the same; an unclosed `${{` is masked to the end.
    static func mask(_ raw: String) -> String {
        let bytes = Array(raw.utf8)
        var out: [UInt8] = []
        var copied = 0
        var index = 0
        while index + 2 < bytes.count {
            guard bytes[index] == UInt8(ascii: "$"), bytes[index + 1] == UInt8(ascii: "{"),
                  bytes[index + 2] == UInt8(ascii: "{")
            else {
                index += 1
                continue
            }
            if out.isEmpty { out.reserveCapacity(bytes.count) }
            out.append(contentsOf: bytes[copied..<index])
            var end = index + 3
            while end + 1 < bytes.count, !(bytes[end] == UInt8(ascii: "}") && bytes[end + 1] == UInt8(ascii: "}")) {
                end += 1
            }
            let stop = min(end + 2, bytes.count)
            for byte in bytes[index..<stop] where !UTF8.isContinuation(byte) { out.append(UInt8(ascii: "x")) }
            copied = stop
            index = stop
        }
        guard copied > 0 else { return raw }
        out.append(contentsOf: bytes[copied...])
        return String(decoding: out, as: UTF8.self)
    }
}
