import Diagnostics
import YAMLLoader

/// Maps an offset in a scalar's value (counted in Unicode scalars) back to a line and column
/// of the YAML file, so a finding inside a string points at the exact character.
///
/// Exact for one-line plain and quoted scalars and for literal blocks; folded blocks and
/// multi-line plain or quoted scalars are mapped by lining up `${{` occurrences (best effort).
public struct ScalarPositionMap: Sendable {
    public let file: String
    /// Length of the value in Unicode scalars; offsets are clamped to `0...count`.
    public let count: Int
    private let strategy: Strategy

    private enum Strategy: Sendable {
        /// One-line plain scalar: value offset `o` is at `column + o`.
        case shifted(line: Int, column: Int)
        /// One-line quoted scalar: the column of every value offset, escapes accounted for.
        case table(line: Int, columns: [Int])
        /// Literal block: value line `k` is source line `firstLine + k`, after `indent` spaces.
        case block(firstLine: Int, indent: Int, lineStarts: [Int])
        case folded(FoldedScalarLayout)
    }

    public init(node: YAMLNode, source: SourceFile) {
        self.init(node: node, value: node.scalar?.value.scalarArray ?? [], source: source)
    }

    /// `value` is the node's value as Unicode scalars, for callers that have decoded it already.
    init(node: YAMLNode, value: [Unicode.Scalar], source: SourceFile) {
        file = source.path
        let start = node.range.start
        guard let scalar = node.scalar else {
            count = 0
            strategy = .shifted(line: start.line, column: start.column)
            return
        }
        count = value.count
        let singleLine = node.range.end.line <= start.line
        switch scalar.style {
        case .literal:
            strategy = Self.literalBlock(value, firstLine: start.line + 1, source: source)
        case .folded:
            strategy = .folded(FoldedScalarLayout(
                value: value, style: .folded, source: source,
                regionStart: (start.line + 1, 0), regionEnd: node.range.end))
        case .plain:
            let line = (source.line(start.line) ?? "").scalarArray
            let content = Self.skipProperties(line, from: start.column - 1)
            if singleLine {
                strategy = .shifted(line: start.line, column: content + 1)
            } else {
                strategy = .folded(FoldedScalarLayout(
                    value: value, style: .plain, source: source,
                    regionStart: (start.line, content), regionEnd: node.range.end))
            }
        case .singleQuoted, .doubleQuoted:
            let line = (source.line(start.line) ?? "").scalarArray
            let content = Self.skipProperties(line, from: start.column - 1)
            let quote: Unicode.Scalar = scalar.style == .singleQuoted ? "'" : "\""
            guard content < line.count, line[content] == quote else {
                // Not where the node says (an alias, say): point at the node itself.
                strategy = .shifted(line: start.line, column: start.column)
                return
            }
            if singleLine {
                strategy = .table(line: start.line, columns: Self.quotedColumns(
                    value.count, line: line, from: content + 1, style: scalar.style))
            } else {
                strategy = .folded(FoldedScalarLayout(
                    value: value, style: scalar.style, source: source,
                    regionStart: (start.line, content + 1), regionEnd: node.range.end))
            }
        }
    }

    /// The file position of value offset `offset`; `count` is the position just past the value.
    public func location(at offset: Int) -> SourceLocation {
        let offset = max(0, min(offset, count))
        switch strategy {
        case .shifted(let line, let column):
            return SourceLocation(file: file, line: line, column: column + offset)
        case .table(let line, let columns):
            let column = offset < columns.count ? columns[offset] : (columns.last ?? 1)
            return SourceLocation(file: file, line: line, column: column)
        case .block(let firstLine, let indent, let lineStarts):
            let k = Self.lastIndex(in: lineStarts, notAfter: offset)
            let lineStart = k < lineStarts.count ? lineStarts[k] : 0
            return SourceLocation(file: file, line: firstLine + k, column: indent + 1 + offset - lineStart)
        case .folded(let layout):
            let (line, column) = layout.position(at: offset)
            return SourceLocation(file: file, line: line, column: column)
        }
    }

    /// The file span of the value offsets `offsets`.
    public func range(_ offsets: Range<Int>) -> SourceRange {
        SourceRange(start: location(at: offsets.lowerBound), end: location(at: offsets.upperBound))
    }

    /// Skips a node's `!tag` and `&anchor` properties, which libyaml includes in the node's start.
    private static func skipProperties(_ line: [Unicode.Scalar], from column: Int) -> Int {
        var i = max(0, column)
        while i < line.count, line[i] == "!" || line[i] == "&" {
            while i < line.count, line[i] != " ", line[i] != "\t" { i += 1 }
            while i < line.count, line[i] == " " || line[i] == "\t" { i += 1 }
        }
        return i
    }

    /// 1-based columns of each of `count` value scalars read from `line` after the opening quote.
    private static func quotedColumns(
        _ count: Int, line: [Unicode.Scalar], from start: Int, style: ScalarStyle
    ) -> [Int] {
        var columns: [Int] = []
        columns.reserveCapacity(count + 1)
        var index = start
        for _ in 0..<count {
            columns.append(index + 1)
            index += FoldedScalarLayout.rawWidth(line, at: index, style: style)
        }
        columns.append(index + 1)
        return columns
    }

    /// The layout of a `|` block: the indentation is the first content line's leading spaces
    /// less those the value keeps (which also covers an explicit indentation indicator).
    private static func literalBlock(_ value: [Unicode.Scalar], firstLine: Int, source: SourceFile) -> Strategy {
        var lineStarts = [0]
        for (index, scalar) in value.enumerated() where scalar == "\n" {
            lineStarts.append(index + 1)
        }
        var indent = 0
        for (k, valueStart) in lineStarts.enumerated() {
            guard let raw = source.line(firstLine + k) else { break }
            let rawScalars = raw.scalarArray
            guard rawScalars.contains(where: { $0 != " " && $0 != "\t" }) else { continue }
            let rawSpaces = rawScalars.prefix { $0 == " " }.count
            let valueSpaces = value[valueStart...].prefix { $0 == " " }.count
            indent = max(0, rawSpaces - valueSpaces)
            break
        }
        return .block(firstLine: firstLine, indent: indent, lineStarts: lineStarts)
    }

    /// Index of the last element of sorted `starts` that is `<= offset` (0 when none is).
    static func lastIndex(in starts: [Int], notAfter offset: Int) -> Int {
        var low = 0
        var high = starts.count - 1
        guard high >= 0 else { return 0 }
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }
}
