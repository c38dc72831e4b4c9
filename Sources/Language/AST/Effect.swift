/// What a step can do to the world, ordered: `read` < `write` < `destructive`.
public enum Effect: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case read
    case write
    case destructive

    private var rank: Int {
        switch self {
        case .read: 0
        case .write: 1
        case .destructive: 2
        }
    }

    public static func < (lhs: Effect, rhs: Effect) -> Bool { lhs.rank < rhs.rank }
}
