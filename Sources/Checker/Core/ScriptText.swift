import Diagnostics
import Language
import YAMLLoader

/// The text of a script or SQL scalar, with `${{ … }}` masked to same-length placeholders
/// so analysers see valid text and their offsets still map back into the file.
struct ScriptText {
    let text: String
    private let map: ScalarPositionMap
    /// UTF-8 offset → Unicode scalar offset, for analysers that report byte ranges.
    private let scalarIndexOfByte: [Int]

    init(node: YAMLNode, source: SourceFile) {
        let raw = node.scalar?.value ?? ""
        self.text = Self.mask(raw)
        self.map = ScalarPositionMap(node: node, source: source)
        var table: [Int] = []
        table.reserveCapacity(text.utf8.count + 1)
        var index = 0
        for scalar in text.unicodeScalars {
            for _ in 0..<UTF8.width(scalar) { table.append(index) }
            index += 1
        }
        table.append(index)
        self.scalarIndexOfByte = table
    }

    /// The file range of a UTF-8 byte range of `text`.
    func range(ofBytes bytes: Range<Int>) -> SourceRange {
        let last = scalarIndexOfByte.count - 1
        let lower = scalarIndexOfByte[max(0, min(bytes.lowerBound, last))]
        let upper = scalarIndexOfByte[max(0, min(bytes.upperBound, last))]
        return map.range(lower..<max(lower, upper))
    }

    /// Replaces every `${{ … }}` by `x`s of the same length.
    static func mask(_ raw: String) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(raw.unicodeScalars)
        var index = 0
        while index < scalars.count {
            if index + 2 < scalars.count, scalars[index] == "$", scalars[index + 1] == "{", scalars[index + 2] == "{" {
                var end = index + 3
                while end + 1 < scalars.count, !(scalars[end] == "}" && scalars[end + 1] == "}") { end += 1 }
                let stop = min(end + 2, scalars.count)
                for _ in index..<stop { out.append("x") }
                index = stop
                continue
            }
            out.append(scalars[index])
            index += 1
        }
        return String(out)
    }
}
