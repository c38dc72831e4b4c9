import Diagnostics
import YAMLLoader

/// A parsed input file: a playbook or the policy.
public enum Document: Sendable {
    case playbook(Playbook)
    case policy(Policy)
}

/// What the front end made of one file: the document (when it could be built) and the findings.
public struct ParseResult: Sendable {
    public var document: Document?
    public var diagnostics: [Diagnostic]

    public init(document: Document?, diagnostics: [Diagnostic]) {
        self.document = document
        self.diagnostics = diagnostics
    }

    public var playbook: Playbook? {
        if case .playbook(let playbook)? = document { return playbook }
        return nil
    }

    public var policy: Policy? {
        if case .policy(let policy)? = document { return policy }
        return nil
    }
}

/// Source text in, typed document and diagnostics out: YAML loading, hygiene and parsing.
public enum Frontend {
    /// The file name that marks a policy rather than a playbook.
    public static let policyFileName = "runbook.policy.yaml"

    public static func isPolicy(path: String) -> Bool {
        path == policyFileName || path.hasSuffix("/" + policyFileName)
    }

    /// Parses `source` as a policy when its name says so, else as a playbook.
    public static func parse(_ source: SourceFile, limits: LoaderLimits = .default) -> ParseResult {
        isPolicy(path: source.path) ? parsePolicy(source, limits: limits) : parsePlaybook(source, limits: limits)
    }

    public static func parsePlaybook(_ source: SourceFile, limits: LoaderLimits = .default) -> ParseResult {
        parse(source, limits: limits) { context, root in
            PlaybookParser(context: context).parse(root).map(Document.playbook)
        }
    }

    public static func parsePolicy(_ source: SourceFile, limits: LoaderLimits = .default) -> ParseResult {
        parse(source, limits: limits) { context, root in
            PolicyParser(context: context).parse(root).map(Document.policy)
        }
    }

    private static func parse(
        _ source: SourceFile, limits: LoaderLimits, build: (ParseContext, YAMLNode) -> Document?
    ) -> ParseResult {
        let loaded = YAMLLoader.load(source, limits: limits)
        guard let root = loaded.root else { return ParseResult(document: nil, diagnostics: loaded.diagnostics) }
        let context = ParseContext(source: source)
        YAMLHygiene(context: context).check(root)
        let document = build(context, root)
        return ParseResult(document: document, diagnostics: loaded.diagnostics + context.diagnostics)
    }

    /// Whether the text is a playbook: a mapping whose keys include `runbook`.
    public static func looksLikePlaybook(_ source: SourceFile) -> Bool {
        looksLikePlaybook(bytes: source.bytes)
    }

    /// `looksLikePlaybook` of a file's bytes: whether a line starts with `runbook:`.
    public static func looksLikePlaybook(bytes: [UInt8]) -> Bool {
        let marker = Array("runbook:".utf8)
        var lineStart = 0
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            // A byte match is checked again as text, so a combining mark after the colon counts as before.
            if bytes[lineStart..<lineEnd].starts(with: marker) {
                var end = lineEnd
                if end > lineStart, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                if String(decoding: bytes[lineStart..<end], as: UTF8.self).hasPrefix("runbook:") { return true }
            }
            lineStart = lineEnd + 1
        }
        return false
    }
}
