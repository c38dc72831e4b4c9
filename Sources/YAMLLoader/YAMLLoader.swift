import CYAML
import Diagnostics

/// What loading produced: the document's root (nil when the text is not usable YAML)
/// and every problem found along the way.
public struct LoadResult: Sendable {
    public var root: YAMLNode?
    public var diagnostics: [Diagnostic]
}

/// Builds a positioned node tree from libyaml's event stream.
///
/// We own the tree (rather than using a YAML library's) so every node keeps its exact
/// source range, duplicate keys are errors, and aliases cannot expand without bound.
public enum YAMLLoader {
    /// Loads exactly one YAML document from `source`.
    public static func load(_ source: SourceFile, limits: LoaderLimits = .default) -> LoadResult {
        guard source.bytes.count <= limits.maxBytes else {
            return LoadResult(root: nil, diagnostics: [tooLarge(path: source.path, size: source.bytes.count, limits: limits)])
        }
        var builder = TreeBuilder(source: source, limits: limits)
        builder.run()
        return LoadResult(root: builder.root, diagnostics: builder.diagnostics)
    }

    /// The refusal of a file over `limits.maxBytes`, also given before reading a file whose
    /// size alone says so.
    public static func tooLarge(path: String, size: Int, limits: LoaderLimits) -> Diagnostic {
        Diagnostic(.error, YAMLRules.tooLarge, "file is \(size) bytes; the limit is \(limits.maxBytes)",
                   at: SourceRange(at: SourceLocation(file: path, line: 1, column: 1)))
    }
}

/// The event loop; one instance per load.
struct TreeBuilder {
    let source: SourceFile
    let limits: LoaderLimits
    var root: YAMLNode?
    var diagnostics: [Diagnostic] = []

    private var stack: [Frame] = []
    private var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    private var expanded = 0
    private var documents = 0

    init(source: SourceFile, limits: LoaderLimits) {
        self.source = source
        self.limits = limits
    }

    /// A container being built.
    private struct Frame {
        var isMapping: Bool
        var start: SourceLocation
        var tag: String?
        var anchor: String?
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: YAMLNode?
        var keys = MappingKeys()
        var size = 1

        /// A key given twice in one mapping: the second key and where the first one is.
        struct Duplicate {
            var key: YAMLNode
            var text: String
            var first: SourceRange
        }

        /// Room for the children of a typical container from the start, rather than growing there.
        static let initialCapacity = 8

        /// Adds a finished child: an item, a mapping's key, or the value that completes a pair.
        mutating func attach(_ node: consuming YAMLNode, size: Int) -> Duplicate? {
            self.size += size
            guard isMapping else {
                if items.isEmpty { items.reserveCapacity(Self.initialCapacity) }
                items.append(node)
                return nil
            }
            guard let key = pendingKey else {
                pendingKey = node
                return nil
            }
            pendingKey = nil
            if pairs.isEmpty { pairs.reserveCapacity(Self.initialCapacity) }
            var duplicate: Duplicate?
            if let text = key.scalar?.value {
                if let first = keys.insert(text, pair: pairs.count) {
                    duplicate = Duplicate(key: key, text: text, first: pairs[first].key.range)
                }
            }
            pairs.append(YAMLPair(key: key, value: node))
            return duplicate
        }
    }

    mutating func run() {
        guard !source.bytes.isEmpty else {
            report(YAMLRules.emptyDocument, "the file is empty", at: location(line: 0, column: 0))
            return
        }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            report(YAMLRules.syntax, "could not start the YAML parser (out of memory)",
                   at: location(line: 0, column: 0))
            return
        }
        defer { yaml_parser_delete(&parser) }
        source.bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            yaml_parser_set_input_string(&parser, base, buffer.count)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    reportParserError(parser)
                    root = nil
                    return
                }
                let keepGoing = handle(event)
                yaml_event_delete(&event)
                if !keepGoing { return }
            }
        }
        if root == nil, diagnostics.isEmpty {
            report(YAMLRules.emptyDocument, "the file has no YAML content", at: location(line: 0, column: 0))
        }
    }

    /// Handles one event; false stops the loop.
    private mutating func handle(_ event: yaml_event_t) -> Bool {
        let start = location(event.start_mark)
        let end = location(event.end_mark)
        switch event.type {
        case YAML_STREAM_END_EVENT:
            return false
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                report(YAMLRules.multipleDocuments,
                       "expected one YAML document, found a second one; put each playbook in its own file",
                       at: SourceRange(start: start, end: end))
                root = nil
                return false
            }
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let value = string(data.value, length: data.length)
            let node = YAMLNode(
                kind: .scalar(YAMLScalar(value: value, style: style(data.style))),
                range: SourceRange(start: start, end: end),
                tag: optionalString(data.tag))
            if let anchor = optionalString(data.anchor) { anchors[anchor] = (node, 1) }
            return add(node, size: 1)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            if stack.count >= limits.maxDepth {
                report(YAMLRules.tooDeep,
                       "nesting is deeper than \(limits.maxDepth) levels",
                       at: SourceRange(start: start, end: end))
                root = nil
                return false
            }
            let tag = isMapping ? event.data.mapping_start.tag : event.data.sequence_start.tag
            let anchor = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
            stack.append(Frame(isMapping: isMapping, start: start,
                               tag: optionalString(tag), anchor: optionalString(anchor)))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return false }
            let range = SourceRange(start: frame.start, end: end)
            let kind: YAMLNode.Kind = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
            let node = YAMLNode(kind: kind, range: range, tag: frame.tag)
            if let anchor = frame.anchor { anchors[anchor] = (node, frame.size) }
            return add(node, size: frame.size)
        case YAML_ALIAS_EVENT:
            let name = optionalString(event.data.alias.anchor) ?? ""
            let range = SourceRange(start: start, end: end)
            guard let target = anchors[name] else {
                report(YAMLRules.unknownAlias, "alias '*\(name)' names no anchor defined before it", at: range)
                root = nil
                return false
            }
            expanded += target.size
            if expanded > limits.maxAliasExpansion {
                report(YAMLRules.aliasBomb,
                       "aliases expand to more than \(limits.maxAliasExpansion) nodes; refusing to load (is this an alias bomb?)",
                       at: range)
                root = nil
                return false
            }
            var node = target.node
            node.range = range
            return add(node, size: target.size)
        default:
            break
        }
        return true
    }

    /// Attaches a finished node to its parent (in place, so the parent's arrays are not
    /// copied), or makes it the root.
    private mutating func add(_ node: consuming YAMLNode, size: Int) -> Bool {
        guard !stack.isEmpty else {
            root = node
            return true
        }
        if let duplicate = stack[stack.count - 1].attach(node, size: size) {
            report(YAMLRules.duplicateKey, "duplicate key '\(duplicate.text)'", at: duplicate.key.range,
                   notes: [DiagnosticNote("'\(duplicate.text)' is first defined here", at: duplicate.first)])
        }
        return true
    }

    private mutating func reportParserError(_ parser: yaml_parser_t) {
        let problem = optionalCString(parser.problem) ?? "invalid YAML"
        var notes: [DiagnosticNote] = []
        let at: SourceRange
        if parser.error == YAML_READER_ERROR {
            let offset = Int(parser.problem_offset)
            at = SourceRange(at: source.location(ofByteOffset: offset))
            report(YAMLRules.syntax, readerMessage(problem, value: Int(parser.problem_value)), at: at)
            return
        }
        at = location(line: Int(parser.problem_mark.line), column: Int(parser.problem_mark.column))
        if let context = optionalCString(parser.context) {
            let contextAt = location(line: Int(parser.context_mark.line), column: Int(parser.context_mark.column))
            notes.append(DiagnosticNote(context, at: contextAt))
        }
        if let line = source.line(at.start.line), line.unicodeScalars.contains("\t") {
            notes.append(DiagnosticNote("YAML does not allow tabs for indentation; indent with spaces"))
        }
        report(YAMLRules.syntax, problem, at: at, notes: notes)
    }

    private func readerMessage(_ problem: String, value: Int) -> String {
        if value >= 0, problem.contains("control characters") {
            return "\(problem) (found byte 0x\(String(value, radix: 16)))"
        }
        if problem.contains("UTF-8") { return "\(problem): the file must be valid UTF-8" }
        return problem
    }

    private mutating func report(
        _ rule: RuleID, _ message: String, at range: SourceRange, notes: [DiagnosticNote] = []
    ) {
        diagnostics.append(Diagnostic(.error, rule, message, at: range, notes: notes))
    }

    private func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(file: source.path, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private func location(line: Int, column: Int) -> SourceRange {
        SourceRange(at: SourceLocation(file: source.path, line: line + 1, column: column + 1))
    }

    private func style(_ style: yaml_scalar_style_t) -> ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }
}

private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int) -> String {
    guard let pointer else { return "" }
    return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
}

private func optionalString(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    guard let pointer else { return nil }
    return String(cString: pointer)
}

private func optionalCString(_ pointer: UnsafePointer<CChar>?) -> String? {
    guard let pointer else { return nil }
    return String(cString: pointer)
}
