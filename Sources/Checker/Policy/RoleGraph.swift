import Language

/// The `includes` relation of the policy's roles, closed transitively.
public struct RoleGraph: Sendable {
    private let includes: [String: [String]]

    public init(_ policy: Policy) {
        var map: [String: [String]] = [:]
        for role in policy.roles { map[role.name.value] = role.includes.map(\.value) }
        includes = map
    }

    public func exists(_ role: String) -> Bool { includes[role] != nil }

    /// Whether `role` holds every power of `other` (itself, or by includes).
    public func role(_ role: String, holds other: String) -> Bool {
        var seen: Set<String> = []
        var pending = [role]
        while let next = pending.popLast() {
            if next == other { return true }
            guard seen.insert(next).inserted else { continue }
            pending += includes[next] ?? []
        }
        return false
    }

    /// Roles that reach themselves through `includes`, each cycle once, as a path.
    func cycles() -> [[String]] {
        var found: [[String]] = []
        var reported: Set<String> = []
        for start in includes.keys.sorted() where !reported.contains(start) {
            var path: [String] = []
            if let cycle = search(start, target: start, path: &path, visited: []) {
                found.append(cycle)
                reported.formUnion(cycle)
            }
        }
        return found
    }

    private func search(_ node: String, target: String, path: inout [String], visited: Set<String>) -> [String]? {
        path.append(node)
        defer { path.removeLast() }
        for next in includes[node] ?? [] {
            if next == target { return path + [target] }
            if visited.contains(next) || path.contains(next) { continue }
            if let cycle = search(next, target: target, path: &path, visited: visited.union([node])) { return cycle }
        }
        return nil
    }

    /// Who in the policy holds `role`, for messages that say whom to ask.
    public static func holders(of role: String, in policy: Policy) -> [String] {
        let graph = RoleGraph(policy)
        return policy.people.filter { person in
            person.roles.contains { graph.role($0.value, holds: role) }
        }.map(\.name.value)
    }
}
