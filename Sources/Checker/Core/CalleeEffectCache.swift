import Language

/// The strongest step of each called playbook, worked out once per check and call depth: a
/// playbook that calls itself, or calls the same file from many steps, was re-inferred along
/// every path through the call graph (12 self-calls, 8 deep: 12^8 inferences, a hang that
/// fuzzing found).
final class CalleeEffectCache {
    /// A callee's strongest effect and the step that has it (nil when every step only reads).
    struct Entry {
        var effect: Effect
        var stepID: String?
    }

    private struct Key: Hashable {
        var path: String
        var depth: Int
    }

    private var entries: [Key: Entry] = [:]

    init() {}

    /// The entry for the playbook at `path` inferred at `depth`, computing it on first use.
    func entry(for path: String, depth: Int, compute: () -> Entry) -> Entry {
        let key = Key(path: path, depth: depth)
        if let cached = entries[key] { return cached }
        let entry = compute()
        entries[key] = entry
        return entry
    }
}
