import Diagnostics

/// A parsed `${{ … }}` expression or `when:` condition, positioned in the YAML file.
public struct Expression: Sendable, Hashable {
    public var kind: Kind
    /// Exact span in the YAML file; parentheses around a sub-expression are included.
    public var range: SourceRange

    public indirect enum Kind: Sendable, Hashable {
        /// A dotted name such as `params.tenant` or `steps.check.rows[0].name`.
        case reference([PathComponent])
        /// A quoted literal, escapes already decoded.
        case string(String)
        case integer(Int)
        case boolean(Bool)
        case null
        /// A function call; the name is not checked here (the checker knows the functions).
        case call(name: String, arguments: [Expression])
        case unary(UnaryOperator, Expression)
        case binary(BinaryOperator, Expression, Expression)
    }

    public init(kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    /// The dotted form of a plain reference (`params.tenant`, `steps.q.rows[0]`); nil otherwise.
    public var referencePath: String? {
        guard case .reference(let components) = kind else { return nil }
        return PathComponent.render(components)
    }
}

/// One step of a reference path: a `.name` or an `[index]`.
public enum PathComponent: Sendable, Hashable {
    case name(String)
    case index(Int)

    /// `a.b[0].c`: names joined by dots, indexes in brackets.
    static func render(_ components: [PathComponent]) -> String {
        var out = ""
        for component in components {
            switch component {
            case .name(let name):
                if !out.isEmpty { out += "." }
                out += name
            case .index(let index):
                out += "[\(index)]"
            }
        }
        return out
    }
}

/// The prefix operator of a condition: `!` negates a boolean.
public enum UnaryOperator: String, Sendable, Hashable {
    case not = "!"
}

/// Comparison and logical operators; the raw value is the spelling in source.
public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case and = "&&"
    case or = "||"

    /// Binding strength: `||` < `&&` < comparisons.
    var precedence: Int {
        switch self {
        case .or: 1
        case .and: 2
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: 3
        }
    }

    /// Comparisons do not chain: `a == b == c` is an error.
    var isComparison: Bool { precedence == 3 }
}
