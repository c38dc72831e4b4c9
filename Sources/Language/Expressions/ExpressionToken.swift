/// One lexical unit of an expression; `range` is in Unicode scalars of the scalar's value.
struct ExpressionToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// A name, including `true`, `false` and `null`, which the parser tells apart.
        case identifier(String)
        case integer(Int)
        case string(String)
        case dot, comma, leftParen, rightParen, leftBracket, rightBracket, bang
        case binary(BinaryOperator)
        /// `}}`, the end of a `${{ … }}`.
        case close
        /// The end of the value.
        case end
        /// Text no token starts with, such as `#` or a lone `=`.
        case unknown(String)
        /// A literal that cannot be read; `at` is the offending part (a bad escape, say).
        case malformed(message: String, at: Range<Int>)
        /// A string literal that runs to the end of the value.
        case unterminatedString(quote: String)
    }

    var kind: Kind
    var range: Range<Int>
}
