import Diagnostics

/// How a scalar was written; the parser uses it to tell `"1"` from `1`.
public enum ScalarStyle: String, Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// A scalar's text exactly as YAML produced it, with its style.
public struct YAMLScalar: Sendable, Hashable {
    public var value: String
    public var style: ScalarStyle

    public init(value: String, style: ScalarStyle) {
        self.value = value
        self.style = style
    }

    /// A plain scalar YAML 1.2 reads as null: empty, `~`, `null`.
    public var isNull: Bool {
        // Only ASCII text of at most four bytes can equal one of the spellings.
        style == .plain && value.utf8.count <= 4 && ["", "~", "null", "Null", "NULL"].contains(value)
    }
}

/// One key/value entry of a mapping, kept in source order.
public struct YAMLPair: Sendable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// A node of the YAML tree with its exact source range.
///
/// Nodes are copied at every turn between the loader and the parser, so their fields live
/// in one shared, immutable box: a copy costs one reference count, not one per string inside.
public struct YAMLNode: Sendable {
    public enum Kind: Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public var kind: Kind {
        get { storage.kind }
        set { storage = Storage(kind: newValue, range: range, tag: tag) }
    }
    public var range: SourceRange {
        get { storage.range }
        set { storage = Storage(kind: kind, range: newValue, tag: tag) }
    }
    /// The explicit tag, e.g. `!!str`, `tag:yaml.org,2002:str` or `!custom`; nil when untagged.
    public var tag: String? {
        get { storage.tag }
        set { storage = Storage(kind: kind, range: range, tag: newValue) }
    }

    private var storage: Storage

    public init(kind: Kind, range: SourceRange, tag: String? = nil) {
        storage = Storage(kind: kind, range: range, tag: tag)
    }

    private final class Storage: Sendable {
        let kind: Kind
        let range: SourceRange
        let tag: String?

        init(kind: Kind, range: SourceRange, tag: String?) {
            self.kind = kind
            self.range = range
            self.tag = tag
        }
    }

    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = kind { return scalar }
        return nil
    }

    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = kind { return items }
        return nil
    }

    public var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = kind { return pairs }
        return nil
    }

    /// "a mapping", "a sequence", "a string": for messages that say what was found.
    public var kindDescription: String {
        switch kind {
        case .scalar(let scalar): scalar.isNull ? "null" : "a scalar"
        case .sequence: "a sequence"
        case .mapping: "a mapping"
        }
    }

    /// The value of `key` in a mapping node.
    public subscript(key: String) -> YAMLNode? {
        mapping?.first { $0.key.scalar?.value == key }?.value
    }
}
