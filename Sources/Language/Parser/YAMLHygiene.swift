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
        var pending = [root]
        while let node = pending.popLast() {
            if let tag = node.tag, !Self.coreTags.contains(tag) {
                context.error(LanguageRules.unsupportedTag, "the tag '\(shortTag(tag))' is not supported",
                              at: node.range,
                              notes: [DiagnosticNote("playbooks are plain data: remove the tag")])
            }
            switch node.kind {
            case .scalar: break
            case .sequence(let items): pending.append(contentsOf: items.reversed())
            case .mapping(let pairs):
                for pair in pairs.reversed() {
                    if pair.key.scalar?.value == "<<", pair.key.scalar?.style == .plain {
                        context.error(LanguageRules.mergeKey, "merge keys ('<<') are not supported",
                                      at: pair.key.range,
                                      notes: [DiagnosticNote("write the fields out, so each step reads on its own")])
                    }
                    pending.append(pair.value)
                    pending.append(pair.key)
                }
            }
        }
    }

    private func shortTag(_ tag: String) -> String {
        tag.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.dropFirst("tag:yaml.org,2002:".count) : tag
    }
}
