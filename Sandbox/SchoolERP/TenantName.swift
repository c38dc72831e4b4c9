/// The rule a tenant schema name must follow before the ERP puts it into SQL or a Redis key.
///
/// Names come from URLs, so they are checked, not trusted: lower-case letters, digits and `_`,
/// starting with a letter or `_`, at most 63 bytes (PostgreSQL's identifier limit). A valid name
/// needs no escaping, and is double-quoted anyway wherever it becomes an identifier.
enum TenantName {
    static func isValid(_ name: String) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= 63 else { return false }
        let lower = UInt8(ascii: "a")...UInt8(ascii: "z")
        let digit = UInt8(ascii: "0")...UInt8(ascii: "9")
        let underscore = UInt8(ascii: "_")
        guard lower.contains(first) || first == underscore else { return false }
        return name.utf8.allSatisfy { lower.contains($0) || digit.contains($0) || $0 == underscore }
    }

    /// `"name"`: the name as a quoted SQL identifier.
    static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
