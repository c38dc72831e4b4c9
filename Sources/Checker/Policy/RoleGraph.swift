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
        let component = components()
        var found: [[String]] = []
        var reported: Set<String> = []
        for start in includes.keys.sorted() where !reported.contains(start) {
            if let cycle = cycle(through: start, component: component) {
                found.append(cycle)
                reported.formUnion(cycle)
            }
        }
        return found
    }

    /// A path from `start` back to itself. Every such cycle lies in `start`'s strongly connected
    /// component, so the search stays there and enters each role once, without recursion. (It
    /// used to try every simple path, exponential in a policy whose roles include several
    /// earlier ones, and recursed once per role of a chain: hangs and stack overflows.)
    private func cycle(through start: String, component: [String: Int]) -> [String]? {
        let own = component[start]
        var visited: Set<String> = [start]
        var path = [start]
        var pending = [(includes[start] ?? [])[...]]
        while let top = pending.indices.last {
            guard let next = pending[top].popFirst() else {
                pending.removeLast()
                path.removeLast()
                continue
            }
            if next == start { return path + [start] }
            guard component[next] == own, visited.insert(next).inserted else { continue }
            path.append(next)
            pending.append((includes[next] ?? [])[...])
        }
        return nil
    }

    /// The strongly connected component of each role under `includes`, numbered (Tarjan's
    /// algorithm with an explicit stack, so a long chain of roles cannot overflow the call stack).
    private func components() -> [String: Int] {
        var index: [String: Int] = [:]
        var lowLink: [String: Int] = [:]
        var onStack: Set<String> = []
        var stack: [String] = []
        var component: [String: Int] = [:]
        var counter = 0
        var components = 0
        func enter(_ role: String) {
            index[role] = counter
            lowLink[role] = counter
            counter += 1
            stack.append(role)
            onStack.insert(role)
        }
        for root in includes.keys where index[root] == nil {
            enter(root)
            var work = [(role: root, rest: (includes[root] ?? [])[...])]
            while let top = work.indices.last {
                let role = work[top].role
                if let next = work[top].rest.popFirst() {
                    guard includes[next] != nil else { continue }  // an unknown role, reported on its own
                    if let seen = index[next] {
                        if onStack.contains(next) { lowLink[role] = min(lowLink[role, default: 0], seen) }
                    } else {
                        enter(next)
                        work.append((role: next, rest: (includes[next] ?? [])[...]))
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last?.role {
                    lowLink[parent] = min(lowLink[parent, default: 0], lowLink[role, default: 0])
                }
                guard lowLink[role] == index[role] else { continue }
                while let member = stack.popLast() {
                    onStack.remove(member)
                    component[member] = components
                    if member == role { break }
                }
                components += 1
            }
        }
        return component
    }

    /// Who in the policy holds `role`, for messages that say whom to ask.
    public static func holders(of role: String, in policy: Policy) -> [String] {
        let graph = RoleGraph(policy)
        return policy.people.filter { person in
            person.roles.contains { graph.role($0.value, holds: role) }
        }.map(\.name.value)
    }
}
