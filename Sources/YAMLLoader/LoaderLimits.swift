/// Bounds that keep hostile YAML (alias bombs, deep nesting) cheap to reject.
public struct LoaderLimits: Sendable, Hashable {
    /// Most nodes that alias expansion may add to the tree, all aliases together.
    public var maxAliasExpansion: Int
    /// Deepest nesting of sequences and mappings.
    public var maxDepth: Int
    /// Largest input accepted, in bytes.
    public var maxBytes: Int

    public init(maxAliasExpansion: Int = 10_000, maxDepth: Int = 200, maxBytes: Int = 64 << 20) {
        self.maxAliasExpansion = maxAliasExpansion
        self.maxDepth = maxDepth
        self.maxBytes = maxBytes
    }

    public static let `default` = LoaderLimits()
}
