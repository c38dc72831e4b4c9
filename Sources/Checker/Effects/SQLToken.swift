/// One lexical token of PostgreSQL text, located by UTF-8 byte offsets so that
/// findings can point back into the source.
public struct SQLToken: Sendable, Hashable {
    /// What kind of lexeme the token is; comments and literals never act as keywords.
    public enum Kind: Sendable, Hashable {
        case word  // identifier or keyword, unquoted
        case quotedIdentifier  // "name" or U&"name"
        case string  // '…', E'…', B'…', X'…', N'…', U&'…'
        case dollarString  // $$…$$ or $tag$…$tag$
        case number
        case parameter  // $1
        case `operator`  // =, <>, ::, :=, ||, …
        case punctuation  // ( ) [ ] , . : and any stray byte
        case semicolon
        case lineComment  // -- …
        case blockComment  // /* … */, nested
    }

    /// The lexeme's kind.
    public var kind: Kind
    /// UTF-8 byte offsets of the whole token, delimiters and prefixes included.
    public var range: Range<Int>
    /// UTF-8 byte offsets of the token's body without delimiters (same as `range` for bare tokens).
    public var contentRange: Range<Int>
    /// The token's source text (the whole of `range`).
    public var text: String
    /// True when a string, identifier or comment runs to the end of the input unclosed.
    public var isUnterminated: Bool

    /// Memberwise initializer.
    public init(kind: Kind, range: Range<Int>, contentRange: Range<Int>, text: String, isUnterminated: Bool = false) {
        self.kind = kind
        self.range = range
        self.contentRange = contentRange
        self.text = text
        self.isUnterminated = isUnterminated
    }

    /// True for `--` and `/* */` comments.
    public var isComment: Bool { kind == .lineComment || kind == .blockComment }
}
