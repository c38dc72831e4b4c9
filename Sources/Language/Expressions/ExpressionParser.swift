import Diagnostics

/// Recursive-descent parser over `ExpressionToken`s; stops at the first error.
///
/// Precedence, loosest first: `||`, `&&`, comparisons (which do not chain), `!`, then
/// postfix `.name` and `[index]` on a name.
struct ExpressionParser {
    enum Mode {
        /// Inside `${{ … }}` opened at this value offset: the expression ends at `}}`.
        case template(openedAt: Int)
        /// A bare `when:` condition: the expression ends with the value.
        case condition
    }

    struct Failure: Error {
        var diagnostic: Diagnostic
    }

    private let tokens: [ExpressionToken]
    private let scalars: [Unicode.Scalar]
    private let map: ScalarPositionMap
    private let mode: Mode
    private var index = 0
    private var depth = 0

    /// Bounds that keep a hostile expression from exhausting the stack.
    static let maxTokens = 2_000
    static let maxDepth = 64

    init(tokens: [ExpressionToken], scalars: [Unicode.Scalar], map: ScalarPositionMap, mode: Mode) {
        self.tokens = tokens
        self.scalars = scalars
        self.map = map
        self.mode = mode
    }

    /// The whole expression, which must fill the `${{ … }}` or the condition.
    mutating func parse() -> Result<Expression, Failure> {
        do throws(Failure) {
            if tokens.count > Self.maxTokens {
                index = Self.maxTokens
                try fail(message: "expression is too long: more than \(Self.maxTokens) tokens")
            }
            if case .template = mode, case .close = current.kind {
                try fail(expected: "an expression inside '${{ }}'")
            }
            let expression = try parseOr()
            switch (mode, current.kind) {
            case (.template, .close), (.condition, .end):
                return .success(expression)
            case (.template, _):
                try fail(expected: "'}}' after the expression")
            case (.condition, _):
                try fail(expected: "the end of the condition")
            }
        } catch {
            return .failure(error)
        }
    }

    // MARK: Grammar

    private mutating func parseOr() throws(Failure) -> Expression {
        try enter()
        defer { depth -= 1 }
        var left = try parseAnd()
        while case .binary(.or) = current.kind {
            advance()
            let right = try parseAnd()
            left = Expression(kind: .binary(.or, left, right), range: span(left.range, right.range))
        }
        return left
    }

    private mutating func parseAnd() throws(Failure) -> Expression {
        var left = try parseComparison()
        while case .binary(.and) = current.kind {
            advance()
            let right = try parseComparison()
            left = Expression(kind: .binary(.and, left, right), range: span(left.range, right.range))
        }
        return left
    }

    private mutating func parseComparison() throws(Failure) -> Expression {
        let left = try parseUnary()
        guard case .binary(let op) = current.kind, op.isComparison else { return left }
        advance()
        let right = try parseUnary()
        if case .binary(let next) = current.kind, next.isComparison {
            try fail(expected: "'&&' or '||' between comparisons (they do not chain)")
        }
        return Expression(kind: .binary(op, left, right), range: span(left.range, right.range))
    }

    private mutating func parseUnary() throws(Failure) -> Expression {
        guard case .bang = current.kind else { return try parsePostfix() }
        let bang = current.range
        advance()
        try enter()
        defer { depth -= 1 }
        let operand = try parseUnary()
        return Expression(kind: .unary(.not, operand), range: span(map.range(bang), operand.range))
    }

    private mutating func parsePostfix() throws(Failure) -> Expression {
        var expression = try parsePrimary()
        while true {
            switch current.kind {
            case .dot, .leftBracket:
                guard case .reference(var path) = expression.kind else {
                    let symbol = excerpt(current.range)
                    try fail(message: "expected a name before '\(symbol)', found \(Self.describe(expression.kind))")
                }
                let end: Int
                if case .dot = current.kind {
                    advance()
                    guard case .identifier(let name) = current.kind else {
                        try fail(expected: "a name after '.'")
                    }
                    path.append(.name(name))
                    end = current.range.upperBound
                    advance()
                } else {
                    advance()
                    guard case .integer(let position) = current.kind, position >= 0 else {
                        try fail(expected: "an index (a whole number, 0 or more) after '['")
                    }
                    advance()
                    guard case .rightBracket = current.kind else { try fail(expected: "']' after the index") }
                    path.append(.index(position))
                    end = current.range.upperBound
                    advance()
                }
                expression = Expression(
                    kind: .reference(path),
                    range: SourceRange(start: expression.range.start, end: map.location(at: end)))
            default:
                return expression
            }
        }
    }

    private mutating func parsePrimary() throws(Failure) -> Expression {
        let token = current
        let range = map.range(token.range)
        switch token.kind {
        case .identifier("true"), .identifier("false"):
            advance()
            return Expression(kind: .boolean(token.kind == .identifier("true")), range: range)
        case .identifier("null"):
            advance()
            return Expression(kind: .null, range: range)
        case .identifier(let name):
            advance()
            if case .leftParen = current.kind { return try parseCall(name, start: token.range.lowerBound) }
            return Expression(kind: .reference([.name(name)]), range: range)
        case .integer(let value):
            advance()
            return Expression(kind: .integer(value), range: range)
        case .string(let value):
            advance()
            return Expression(kind: .string(value), range: range)
        case .leftParen:
            advance()
            var inner = try parseOr()
            guard case .rightParen = current.kind else { try fail(expected: "')' to close '('") }
            inner.range = map.range(token.range.lowerBound..<current.range.upperBound)
            advance()
            return inner
        default:
            try fail(expected: "an expression")
        }
    }

    /// `name(arg, …)`, the current token being `(`.
    private mutating func parseCall(_ name: String, start: Int) throws(Failure) -> Expression {
        advance()
        var arguments: [Expression] = []
        if case .rightParen = current.kind {
        } else {
            while true {
                arguments.append(try parseOr())
                guard case .comma = current.kind else { break }
                advance()
            }
        }
        guard case .rightParen = current.kind else { try fail(expected: "')' after function arguments") }
        let range = map.range(start..<current.range.upperBound)
        advance()
        return Expression(kind: .call(name: name, arguments: arguments), range: range)
    }

    // MARK: Tokens and errors

    /// One level deeper into parentheses, arguments or `!`; too deep is an error.
    private mutating func enter() throws(Failure) {
        depth += 1
        if depth > Self.maxDepth {
            try fail(message: "expression nests more than \(Self.maxDepth) levels deep")
        }
    }

    private var current: ExpressionToken {
        index < tokens.count ? tokens[index] : (tokens.last ?? ExpressionToken(kind: .end, range: 0..<0))
    }

    private mutating func advance() {
        if index < tokens.count { index += 1 }
    }

    private func span(_ first: SourceRange, _ last: SourceRange) -> SourceRange {
        SourceRange(start: first.start, end: last.end)
    }

    /// Reports what was `expected` against the current token; lexical errors speak for themselves.
    private func fail(expected: String) throws(Failure) -> Never {
        let token = current
        let message: String
        var at = token.range
        switch (token.kind, mode) {
        case (.malformed(let text, let where_), _):
            message = text
            at = where_
        case (.unterminatedString(let quote), _):
            message = "unterminated string literal: expected a closing \(quote) before the end of the text"
            at = token.range.lowerBound..<(token.range.lowerBound + 1)
        case (.end, .template(let openedAt)):
            message = "unterminated '${{': expected '}}' to close it before the end of the text"
            at = openedAt..<(openedAt + 3)
        case (.unknown(let text), _):
            message = "expected \(expected), found '\(Self.printable(text))'" + hint(for: text)
        default:
            message = "expected \(expected), found \(describe(token))"
        }
        throw Failure(diagnostic: Diagnostic(.error, ExpressionRules.syntax, message, at: map.range(at)))
    }

    private func fail(message: String) throws(Failure) -> Never {
        throw Failure(diagnostic: Diagnostic(.error, ExpressionRules.syntax, message, at: map.range(current.range)))
    }

    private static func describe(_ kind: Expression.Kind) -> String {
        switch kind {
        case .call(let name, _): "a call to '\(name)'"
        case .string: "a string"
        case .integer: "a number"
        case .boolean, .null: "a literal"
        case .reference, .unary, .binary: "a parenthesised expression"
        }
    }

    private func describe(_ token: ExpressionToken) -> String {
        switch token.kind {
        case .end: return "the end of the condition"
        case .close: return "'}}'"
        case .string: return "the string \(excerpt(token.range))"
        default: return "'\(excerpt(token.range))'"
        }
    }

    private func hint(for text: String) -> String {
        switch text {
        case "=": return "; use '==' to compare"
        case "&": return "; use '&&' for 'and'"
        case "|": return "; use '||' for 'or'"
        case "+", "-", "*", "/", "%": return "; expressions have no arithmetic"
        case "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}": return "; quote strings with ' or \""
        case "${{":
            if case .template = mode { return "; '${{' cannot be nested inside an expression" }
            return "; write the condition bare, or wrap all of it in one '${{ … }}'"
        default: return ""
        }
    }

    private func excerpt(_ range: Range<Int>) -> String {
        let clamped = range.clamped(to: 0..<scalars.count)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[clamped].prefix(24))
        let text = Self.printable(String(view))
        return clamped.count > 24 ? text + "…" : text
    }

    /// Control characters shown as `\u{…}` so a message stays on one line.
    private static func printable(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
