import Foundation

/// Checks a textual value (from `--param k=v`, a default, or a calling playbook) against a
/// param's declaration. The same rules serve the checker and the run.
public enum ParamValidator {
    /// What is wrong with `text` as a value of `param`; nil when it is valid.
    /// `checkFiles` is off at lint time, when files named by params need not exist yet.
    public static func problem(with text: String, for param: Param, checkFiles: Bool) -> String? {
        let name = param.name.value
        switch param.type.value {
        case .string:
            break
        case .int:
            guard let value = Int(text) else { return "\(name) must be a whole number, not '\(text)'" }
            if let min = param.min?.value, value < min { return "\(name) must be at least \(min), not \(value)" }
            if let max = param.max?.value, value > max { return "\(name) must be at most \(max), not \(value)" }
        case .bool:
            guard text == "true" || text == "false" else { return "\(name) must be true or false, not '\(text)'" }
        case .duration:
            guard Duration(parsing: text) != nil else { return "\(name) must be a duration such as 30s or 5m, not '\(text)'" }
        case .identifier:
            guard isIdentifier(text) else {
                return "\(name) must be an SQL identifier (lowercase letters, digits and _, at most 63, not starting with a digit), not '\(text)'"
            }
        case .enum:
            let choices = param.choices.map(\.value)
            guard choices.contains(text) else { return "\(name) must be one of \(choices.joined(separator: ", ")), not '\(text)'" }
        case .file:
            if text.isEmpty { return "\(name) must name a file" }
            if checkFiles {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: text, isDirectory: &isDirectory), !isDirectory.boolValue else {
                    return "\(name): no such file '\(text)'"
                }
            }
        case .url:
            guard let url = URL(string: text), let scheme = url.scheme, !scheme.isEmpty, url.host != nil || scheme == "file" else {
                return "\(name) must be a URL such as https://host/path, not '\(text)'"
            }
        }
        if let pattern = param.pattern?.value {
            guard let regex = try? NSRegularExpression(pattern: pattern) else { return "\(name) has an invalid pattern" }
            let whole = NSRange(text.startIndex..., in: text)
            if regex.firstMatch(in: text, range: whole) == nil {
                return "\(name) must match \(pattern), not '\(param.secret ? "***" : text)'"
            }
        }
        return nil
    }

    /// `^[a-z_][a-z0-9_]{0,62}$`.
    public static func isIdentifier(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.first, scalars.count <= 63, first == "_" || ("a"..."z").contains(first) else {
            return false
        }
        return scalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }
}
