import Language

/// Effect inference for PostgreSQL text (language §5): each statement is classified
/// `read`, `write` or `destructive`; comments and literals are never statements.
public enum SQLEffects {
    /// Every statement in `sql`, in order, with its effect and reason.
    public static func statements(in sql: String) -> [SQLStatement] {
        SQLStatementClassifier(sql: sql).statements()
    }

    /// The strongest effect of all statements in `sql`; `read` when there are none.
    public static func effect(of sql: String) -> Effect {
        statements(in: sql).map(\.effect).max() ?? .read
    }

    /// The statement that decides `effect(of:)` (the first of the strongest), if any.
    public static func strongestStatement(in sql: String) -> SQLStatement? {
        var best: SQLStatement?
        for statement in statements(in: sql) where best.map({ statement.effect > $0.effect }) ?? true {
            best = statement
        }
        return best
    }
}
