/// The "roles: …" note of an unknown-role error. It is repeated for every unknown role, so a
/// policy with thousands of roles lists only the first few: in full, a hostile policy made
/// gigabytes of notes (found by stress-testing the fuzz harness).
enum RoleList {
    static let shown = 30

    static func note(_ names: [String]) -> String {
        guard names.count > shown else { return "roles: " + names.joined(separator: ", ") }
        return "roles: " + names.prefix(shown).joined(separator: ", ") + " and \(names.count - shown) more"
    }
}
