extension Expression: CustomStringConvertible {
    /// Source-like text (`default(params.x, 'n/a') == 'ok'`), parenthesised only where needed.
    public var description: String {
        switch kind {
        case .reference(let components):
            return PathComponent.render(components)
        case .string(let text):
            return "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
        case .integer(let value):
            return String(value)
        case .boolean(let value):
            return value ? "true" : "false"
        case .null:
            return "null"
        case .call(let name, let arguments):
            return name + "(" + arguments.map(\.description).joined(separator: ", ") + ")"
        case .unary(let op, let operand):
            let inner = operand.binaryOperator == nil ? operand.description : "(\(operand))"
            return op.rawValue + inner
        case .binary(let op, let left, let right):
            return Self.operand(left, of: op, isRight: false) + " \(op.rawValue) "
                + Self.operand(right, of: op, isRight: true)
        }
    }

    private var binaryOperator: BinaryOperator? {
        if case .binary(let op, _, _) = kind { return op }
        return nil
    }

    /// Parenthesises a child that binds looser than `op`, a chained comparison, or a right-nested
    /// operator of equal strength, so printing keeps the tree's shape.
    private static func operand(_ child: Expression, of op: BinaryOperator, isRight: Bool) -> String {
        guard let childOp = child.binaryOperator else { return child.description }
        let needsParens = childOp.precedence < op.precedence
            || (childOp.precedence == op.precedence && (isRight || op.isComparison))
        return needsParens ? "(\(child))" : child.description
    }
}
