import Diagnostics
import YAMLLoader

/// Reads `${{ … }}` templates and `when:` conditions out of YAML scalars.
public enum TemplateParser {
    /// Splits a scalar node's value into text and parsed `${{ }}` expressions, with positions
    /// mapped back into the file; every malformed `${{ }}` gets its own diagnostic.
    public static func parse(_ node: YAMLNode, in source: SourceFile) -> (Template, [Diagnostic]) {
        guard let scalar = node.scalar else {
            return (Template(parts: [], range: node.range), [notAScalar(node, expected: "a string")])
        }
        // Most scalars hold no expression: skip the position map, which reads the source lines.
        guard scalar.value.hasTemplateOpener else {
            return (Template(parts: scalar.value.isEmpty ? [] : [.text(scalar.value)], range: node.range), [])
        }
        let scalars = scalar.value.scalarArray
        let map = ScalarPositionMap(node: node, value: scalars, source: source)
        let (segments, diagnostics) = scan(scalars, map: map)
        return (Template(parts: segments.map(\.part), range: node.range), diagnostics)
    }

    /// Parses a `when:` condition: either a bare expression (`params.force && steps.x.exit_code == 0`)
    /// or a value that is exactly one `${{ … }}`.
    public static func parseCondition(_ node: YAMLNode, in source: SourceFile) -> (Expression?, [Diagnostic]) {
        guard let scalar = node.scalar else {
            return (nil, [notAScalar(node, expected: "a condition expression")])
        }
        if let tag = node.tag, !tag.hasPrefix("tag:yaml.org,2002:") {
            let whole = scalar.value.isEmpty ? tag : "\(tag) \(scalar.value)"
            return (nil, [Diagnostic(
                .error, ExpressionRules.syntax,
                "expected a condition, found the YAML tag '\(tag)'; YAML reads a leading '!' as a tag, "
                    + "so quote the condition: \"\(whole)\"",
                at: node.range)])
        }
        let scalars = scalar.value.scalarArray
        let map = ScalarPositionMap(node: node, value: scalars, source: source)
        guard let first = scalars.firstIndex(where: { !isBlank($0) }) else {
            return (nil, [Diagnostic(.error, ExpressionRules.syntax,
                                     "expected a condition expression, found an empty value", at: node.range)])
        }
        guard FoldedScalarLayout.isOpener(scalars, at: first) else {
            let tokens = ExpressionLexer.tokenize(scalars, from: 0, untilClose: false)
            var parser = ExpressionParser(tokens: tokens, scalars: scalars, map: map, mode: .condition)
            switch parser.parse() {
            case .success(let expression): return (expression, [])
            case .failure(let failure): return (nil, [failure.diagnostic])
            }
        }
        return wrappedCondition(scalars, map: map)
    }

    /// A condition written as `${{ … }}`: exactly one expression, nothing but blanks around it.
    private static func wrappedCondition(_ scalars: [Unicode.Scalar], map: ScalarPositionMap) -> (Expression?, [Diagnostic]) {
        let (segments, diagnostics) = scan(scalars, map: map)
        guard diagnostics.isEmpty else { return (nil, diagnostics) }
        var expression: Expression?
        for segment in segments {
            switch segment.part {
            case .expression(let found) where expression == nil:
                expression = found
            case .expression:
                return (nil, [Diagnostic(
                    .error, ExpressionRules.syntax,
                    "expected the end of the condition after '}}', found another '${{'; "
                        + "write the whole condition inside one '${{ … }}'",
                    at: map.range(segment.offsets.lowerBound..<(segment.offsets.lowerBound + 3)))])
            case .text(let text):
                guard let visible = segment.offsets.first(where: { !isBlank(scalars[$0]) }) else { continue }
                let shown = text.trimmingBlanks
                let excerpt = shown.count > 24 ? String(shown.prefix(20)) + "…" : shown
                return (nil, [Diagnostic(
                    .error, ExpressionRules.syntax,
                    "expected the end of the condition after '}}', found '\(excerpt)'; "
                        + "write the whole condition inside one '${{ … }}', or leave '${{ }}' out",
                    at: map.range(visible..<(visible + 1)))])
            }
        }
        return (expression, [])
    }

    /// A part of the value and the value offsets it came from.
    struct Segment {
        var part: Template.Part
        var offsets: Range<Int>
    }

    /// Splits `scalars` into text and `${{ … }}` parts; a malformed `${{ … }}` is kept as text.
    static func scan(_ scalars: [Unicode.Scalar], map: ScalarPositionMap) -> ([Segment], [Diagnostic]) {
        var segments: [Segment] = []
        var diagnostics: [Diagnostic] = []
        // The text part runs from `textStart` to the next `${{ … }}` that parses.
        var textStart = 0
        var index = 0
        func appendText(_ upTo: Int) {
            guard textStart < upTo else { return }
            segments.append(Segment(part: .text(String(scalars: scalars[textStart..<upTo])), offsets: textStart..<upTo))
        }
        while index < scalars.count {
            guard FoldedScalarLayout.isOpener(scalars, at: index) else {
                index += 1
                continue
            }
            let tokens = ExpressionLexer.tokenize(scalars, from: index + 3, untilClose: true)
            var end = scalars.count
            if let last = tokens.last, case .close = last.kind { end = last.range.upperBound }
            var parser = ExpressionParser(tokens: tokens, scalars: scalars, map: map,
                                          mode: .template(openedAt: index))
            switch parser.parse() {
            case .success(let expression):
                appendText(index)
                segments.append(Segment(part: .expression(expression), offsets: index..<end))
                textStart = end
            case .failure(let failure):
                diagnostics.append(failure.diagnostic)
            }
            index = end
        }
        appendText(scalars.count)
        return (segments, diagnostics)
    }

    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }

    private static func notAScalar(_ node: YAMLNode, expected: String) -> Diagnostic {
        Diagnostic(.error, ExpressionRules.syntax, "expected \(expected), found \(node.kindDescription)",
                   at: node.range)
    }
}

private extension String {
    var trimmingBlanks: String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first == " " || first == "\t" || first == "\n" || first == "\r" {
            scalars.removeFirst()
        }
        while let last = scalars.last, last == " " || last == "\t" || last == "\n" || last == "\r" {
            scalars.removeLast()
        }
        return String(scalars)
    }

    /// Whether the text holds `${{`, by a plain byte scan (generic searching showed up in lint profiles).
    var hasTemplateOpener: Bool {
        let found = utf8.withContiguousStorageIfAvailable { bytes in
            bytes.indices.dropLast(2).contains { index in
                bytes[index] == UInt8(ascii: "$") && bytes[index + 1] == UInt8(ascii: "{")
                    && bytes[index + 2] == UInt8(ascii: "{")
            }
        }
        if let found { return found }
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in utf8 {
            if byte == UInt8(ascii: "{"), previous.1 == UInt8(ascii: "{"), previous.0 == UInt8(ascii: "$") { return true }
            previous = (previous.1, byte)
        }
        return false
    }
}
