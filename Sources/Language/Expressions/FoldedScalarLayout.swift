import Diagnostics
import YAMLLoader

/// Best-effort positions in a scalar whose value YAML folded from several source lines
/// (`>` blocks, multi-line plain and quoted scalars).
///
/// Value and source are lined up at their first non-blank character and at each `${{`, in
/// order; from the nearest such anchor the two are walked side by side, a line break in the
/// source matching the run of whitespace the fold left in the value.
struct FoldedScalarLayout: Sendable {
    /// A value offset known to sit at `lines[line][column]` (both 0-based).
    struct Anchor: Sendable {
        var offset: Int
        var line: Int
        var column: Int
    }

    let firstLine: Int
    let lines: [[Unicode.Scalar]]
    let value: [Unicode.Scalar]
    let style: ScalarStyle
    let anchors: [Anchor]
    private let anchorOffsets: [Int]

    /// `regionStart` is the 1-based line and 0-based column where the content begins;
    /// `regionEnd` is the node's end, exclusive.
    init(
        value: [Unicode.Scalar], style: ScalarStyle, source: SourceFile,
        regionStart: (line: Int, column: Int), regionEnd: SourceLocation
    ) {
        self.value = value
        self.style = style
        firstLine = regionStart.line
        let lastLine = max(regionStart.line, regionEnd.line)
        var lines: [[Unicode.Scalar]] = []
        for number in regionStart.line...lastLine {
            var line = Array((source.line(number) ?? "").unicodeScalars)
            if number == regionEnd.line, number > regionStart.line {
                line = Array(line.prefix(max(0, regionEnd.column - 1)))
            }
            lines.append(line)
        }
        self.lines = lines

        var anchors: [Anchor] = []
        let rawStarts = Self.rawPositions(in: lines, from: regionStart.column)
        if let first = rawStarts.firstNonBlank {
            let offset = value.firstIndex { !Self.isValueSpace($0) } ?? value.count
            anchors.append(Anchor(offset: offset, line: first.line, column: first.column))
        }
        let valueOpeners = value.indices.filter { Self.isOpener(value, at: $0) }
        for (offset, raw) in zip(valueOpeners, rawStarts.openers) {
            if let last = anchors.last,
               offset < last.offset || (raw.line, raw.column) <= (last.line, last.column) {
                continue
            }
            anchors.append(Anchor(offset: offset, line: raw.line, column: raw.column))
        }
        self.anchors = anchors
        anchorOffsets = anchors.map(\.offset)
    }

    /// 1-based line and column of value offset `offset`.
    func position(at offset: Int) -> (line: Int, column: Int) {
        guard !anchors.isEmpty else { return (firstLine, 1) }
        let anchor = anchors[ScalarPositionMap.lastIndex(in: anchorOffsets, notAfter: offset)]
        var line = anchor.line
        var column = anchor.column
        var v = anchor.offset
        while v < offset, v < value.count, line < lines.count {
            let raw = lines[line]
            let escapedBreak = style == .doubleQuoted && column < raw.count && raw[column] == "\\"
                && Self.restIsBlank(raw, from: column + 1)
            if Self.restIsBlank(raw, from: column) || escapedBreak {
                var next = line + 1
                while next < lines.count, Self.restIsBlank(lines[next], from: 0) { next += 1 }
                guard next < lines.count else { break }
                line = next
                column = lines[next].firstIndex { $0 != " " && $0 != "\t" } ?? 0
                while v < offset, v < value.count, Self.isValueSpace(value[v]) { v += 1 }
                continue
            }
            column += Self.rawWidth(raw, at: column, style: style)
            v += 1
        }
        return (firstLine + line, column + 1)
    }

    /// How many source scalars at `index` make one value scalar: an escape in a double-quoted
    /// scalar (`\n`, `\x41`, `\u00e9`), a doubled quote in a single-quoted one, else one.
    static func rawWidth(_ line: [Unicode.Scalar], at index: Int, style: ScalarStyle) -> Int {
        guard index >= 0, index + 1 < line.count else { return 1 }
        switch style {
        case .doubleQuoted where line[index] == "\\":
            let width = switch line[index + 1] {
            case "x": 4
            case "u": 6
            case "U": 10
            default: 2
            }
            return max(1, min(width, line.count - index))
        case .singleQuoted where line[index] == "'" && line[index + 1] == "'":
            return 2
        default:
            return 1
        }
    }

    static func isOpener(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        index >= 0 && index + 2 < scalars.count
            && scalars[index] == "$" && scalars[index + 1] == "{" && scalars[index + 2] == "{"
    }

    private static func isValueSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }

    private static func restIsBlank(_ line: [Unicode.Scalar], from index: Int) -> Bool {
        guard index < line.count else { return true }
        return line[max(0, index)...].allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// The first non-blank source position and every `${{`, scanning from the region start.
    private static func rawPositions(
        in lines: [[Unicode.Scalar]], from startColumn: Int
    ) -> (firstNonBlank: (line: Int, column: Int)?, openers: [(line: Int, column: Int)]) {
        var firstNonBlank: (line: Int, column: Int)?
        var openers: [(line: Int, column: Int)] = []
        for (lineIndex, line) in lines.enumerated() {
            let from = lineIndex == 0 ? max(0, startColumn) : 0
            guard from < line.count else { continue }
            for column in from..<line.count {
                if firstNonBlank == nil, line[column] != " ", line[column] != "\t" {
                    firstNonBlank = (lineIndex, column)
                }
                if isOpener(line, at: column) { openers.append((lineIndex, column)) }
            }
        }
        return (firstNonBlank, openers)
    }
}
