import Foundation

/// Checks a textual value (from `--param k=v`, a default, or a calling playbook) against a
/// param's declaration. The same rules serve the checker and the run.
public enum ParamValidator {
    /// The longest value a param takes: more is bulk data, which belongs in a `file` param
    /// (and would not fit a step's environment, where Linux caps one string at 128 KiB).
    public static let maximumBytes = 65_536

    /// What is wrong with `text` as a value of `param`; nil when it is valid.
    /// `checkFiles` is off at lint time, when files named by params need not exist yet.
    public static func problem(with text: String, for param: Param, checkFiles: Bool) -> String? {
        let name = param.name.value
        if text.utf8.count > maximumBytes {
            return "\(name) is \(text.utf8.count) bytes long; a param takes at most 64 KiB (pass bulk data as a file param)"
        }
        let quoted = param.secret ? "'***'" : shown(text)
        switch param.type.value {
        case .string:
            break
        case .int:
            guard let value = Int(text) else { return "\(name) must be a whole number, not \(quoted)" }
            if let min = param.min?.value, value < min { return "\(name) must be at least \(min), not \(value)" }
            if let max = param.max?.value, value > max { return "\(name) must be at most \(max), not \(value)" }
        case .bool:
            guard text == "true" || text == "false" else { return "\(name) must be true or false, not \(quoted)" }
        case .duration:
            guard Duration(parsing: text) != nil else { return "\(name) must be a duration such as 30s or 5m, not \(quoted)" }
        case .identifier:
            guard isIdentifier(text) else {
                return "\(name) must be an SQL identifier (lowercase letters, digits and _, at most 63, not starting with a digit), not \(quoted)"
            }
        case .enum:
            let choices = param.choices.map(\.value)
            guard choices.contains(text) else { return "\(name) must be one of \(choices.joined(separator: ", ")), not \(quoted)" }
        case .file:
            if text.isEmpty { return "\(name) must name a file" }
            if checkFiles, let problem = fileProblem(text) { return "\(name): \(problem) \(quoted)" }
        case .url:
            guard let url = URL(string: text), let scheme = url.scheme, !scheme.isEmpty, url.host != nil || scheme == "file" else {
                return "\(name) must be a URL such as https://host/path, not \(quoted)"
            }
        }
        if let pattern = param.pattern?.value {
            guard let regex = try? NSRegularExpression(pattern: pattern) else { return "\(name) has an invalid pattern" }
            let whole = NSRange(text.startIndex..., in: text)
            if regex.firstMatch(in: text, range: whole) == nil {
                return "\(name) must match \(pattern), not \(quoted)"
            }
        }
        return nil
    }

    /// Why a `file` param's path cannot be read as a file: missing, a folder, or not a regular
    /// file (a FIFO or a device such as /dev/zero would hang or flood the step reading it).
    static func fileProblem(_ path: String) -> String? {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: resolved),
              let type = attributes[.type] as? FileAttributeType else { return "no such file" }
        switch type {
        case .typeRegular: return FileManager.default.isReadableFile(atPath: resolved) ? nil : "cannot read the file"
        case .typeDirectory: return "a folder, not a file:"
        default: return "not a regular file:"
        }
    }

    /// A value as an error message quotes it: control characters and escape sequences made
    /// visible (`\u{1B}`), so a value cannot drive the terminal, and cut at 80 characters.
    public static func shown(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(80) {
            switch scalar.value {
            case 0x00..<0x20, 0x7F, 0x80...0x9F: out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return "'" + out + (text.unicodeScalars.count > 80 ? "…" : "") + "'"
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
