import Diagnostics
import YAMLLoader

/// Rejects YAML features the language does not give meaning to: custom tags and merge keys.
///
/// Walks the tree iteratively, so a deep (but loader-bounded) tree cannot exhaust the stack.
struct YAMLHygiene {
    let context: ParseContext

    static let coreTags: Set<String> = [
        "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null", "tag:yaml.org,2002:float", "tag:yaml.org,2002:map",
        "tag:yaml.org,2002:seq", "!",
    ]

    func check(_ root: YAMLNode) {
        var pending: [Cursor] = []
        if let children = visit(root) { pending.append(children) }
        while let top = pending.indices.last {
            let next = pending[top].next
            guard next < pending[top].count else {
                pending.removeLast()
                continue
            }
            pending[top].next = next + 1
            // Children are read in place: copying every node would cost more than the checks.
            let children: Cursor?
            if pending[top].pairs.isEmpty {
                children = visit(pending[top].items[next])
            } else if next % 2 == 0 {
                children = visit(pending[top].pairs[next / 2].key)
            } else {
                children = visit(pending[top].pairs[next / 2].value)
            }
            if let children { pending.append(children) }
        }
    }

    /// The children of a container still to visit, in document order (a mapping's key, then its value).
    private struct Cursor {
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var next = 0

        var count: Int { items.count + 2 * pairs.count }
    }

    /// Checks one node; returns its children when it has any.
    private func visit(_ node: YAMLNode) -> Cursor? {
        if let tag = node.tag, !Self.coreTags.contains(tag) {
            context.error(LanguageRules.unsupportedTag, "the tag '\(shortTag(tag))' is not supported",
                          at: node.range,
                          notes: [DiagnosticNote("playbooks are plain data: remove the tag")])
        }
        switch node.kind {
        case .scalar:
            return nil
        case .sequence(let items):
            return items.isEmpty ? nil : Cursor(items: items)
        case .mapping(let pairs):
            // Reported last pair first, as the walk has always done.
            for index in pairs.indices.reversed() where isMergeKey(pairs[index].key) {
                context.error(LanguageRules.mergeKey, "merge keys ('<<') are not supported",
                              at: pairs[index].key.range,
                              notes: [DiagnosticNote("write the fields out, so each step reads on its own")])
            }
            return pairs.isEmpty ? nil : Cursor(pairs: pairs)
        }
    }

    private func isMergeKey(_ key: YAMLNode) -> Bool {
        guard case .scalar(let scalar) = key.kind else { return false }
        return scalar.style == .plain && scalar.value == "<<"
    }

    private func shortTag(_ tag: String) -> String {
        tag.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.dropFirst("tag:yaml.org,2002:".count) : tag
    }
}
