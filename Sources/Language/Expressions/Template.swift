import Diagnostics

/// A string with `${{ … }}` interpolations.
///
/// A `${{ … }}` that failed to parse stays in `parts` as text; its diagnostic says why.
public struct Template: Sendable, Hashable {
    public enum Part: Sendable, Hashable {
        case text(String)
        case expression(Expression)
    }

    public var parts: [Part]
    /// The whole scalar.
    public var range: SourceRange

    public init(parts: [Part], range: SourceRange) {
        self.parts = parts
        self.range = range
    }

    /// Every expression part, in order.
    public var expressions: [Expression] {
        parts.compactMap {
            if case .expression(let expression) = $0 { return expression }
            return nil
        }
    }

    /// The text when there is no expression (`""` for an empty scalar), else nil.
    public var literal: String? {
        var text = ""
        for part in parts {
            switch part {
            case .text(let chunk): text += chunk
            case .expression: return nil
            }
        }
        return text
    }
}
