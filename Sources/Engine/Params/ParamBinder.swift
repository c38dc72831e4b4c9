import BackendKit
import Diagnostics
import Foundation
import Language

/// Validates `--param k=v` values and the environment against a playbook's declarations,
/// before anything runs, and collects the secrets to redact.
public struct ParamBinder: Sendable {
    public struct Bound: Sendable {
        public var params: [String: Value]
        public var env: [String: String]
        public var redactor: Redactor
        /// The params as the journal and report show them: secrets as `***`.
        public var shownParams: [String: String]

        public init(params: [String: Value], env: [String: String], redactor: Redactor, shownParams: [String: String]) {
            self.params = params
            self.env = env
            self.redactor = redactor
            self.shownParams = shownParams
        }
    }

    public let playbook: Playbook

    public init(playbook: Playbook) {
        self.playbook = playbook
    }

    /// Each problem is a sentence naming the param or variable; all are returned, not the first.
    /// A nil `environment` binds the params alone (an approver need not have the run's env).
    public func bind(
        _ given: [String: String], environment: [String: String]?, checkFiles: Bool = true
    ) -> Result<Bound, ParamProblems> {
        var problems: [String] = []
        var params: [String: Value] = [:]
        var shown: [String: String] = [:]
        var redactor = Redactor()
        for name in given.keys.sorted() where playbook.param(named: name) == nil {
            let known = playbook.params.map(\.name.value)
            let hint = Suggestion.closest(to: name, in: known).map { " (did you mean '\($0)'?)" } ?? ""
            problems.append("unknown param '\(name)'\(hint); this playbook takes: \(known.isEmpty ? "none" : known.joined(separator: ", "))")
        }
        for param in playbook.params {
            let name = param.name.value
            let text: String
            if let value = given[name] {
                text = value
            } else if let fallback = param.defaultValue?.value, fallback != .null {
                text = fallback.description
            } else {
                problems.append("missing param '\(name)' (\(param.type.value.rawValue)): pass --param \(name)=…")
                continue
            }
            if param.secret { redactor.add(text) }
            if let problem = ParamValidator.problem(with: text, for: param, checkFiles: checkFiles) {
                problems.append(param.secret ? problem.replacingOccurrences(of: text, with: "***") : problem)
                continue
            }
            // A file as an absolute path without links: a step that changes folder still finds
            // it, and a name such as `-rf` reaches commands as `/…/-rf`, never as an option.
            let value = param.type.value == .file && checkFiles
                ? URL(fileURLWithPath: text).standardizedFileURL.resolvingSymlinksInPath().path : text
            params[name] = Self.typed(value, param.type.value)
            shown[name] = param.secret ? "***" : value
        }
        var env: [String: String] = [:]
        for variable in environment == nil ? [] : playbook.env {
            let name = variable.name.value
            if let value = environment?[name] {
                env[name] = value
                if variable.secret { redactor.add(value); Self.urlSecrets(in: value).forEach { redactor.add($0) } }
            } else if let fallback = variable.defaultValue?.value {
                env[name] = fallback
            } else if variable.required {
                problems.append("environment variable \(name) is not set\(variable.description.map { ": \($0.value)" } ?? "")")
            }
        }
        guard problems.isEmpty else { return .failure(ParamProblems(messages: problems)) }
        return .success(Bound(params: params, env: env, redactor: redactor, shownParams: shown))
    }

    static func typed(_ text: String, _ type: ParamType) -> Value {
        switch type {
        case .int: Int(text).map(Value.int) ?? .string(text)
        case .bool: .bool(text == "true")
        default: .string(text)
        }
    }

    /// The password of a URL, raw and percent-decoded, so it is redacted wherever it shows up.
    static func urlSecrets(in text: String) -> [String] {
        guard let components = URLComponents(string: text), let password = components.percentEncodedPassword else { return [] }
        return [password, password.removingPercentEncoding ?? password]
    }
}

/// Why params or the environment were refused.
public struct ParamProblems: Error, Sendable {
    public var messages: [String]
}
