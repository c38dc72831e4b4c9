import Diagnostics
import Foundation
import Language
import YAMLLoader
import Synchronization

/// The files a check or run touches: playbooks by path, the policy that governs each,
/// and the playbooks that `playbook:` steps call. Each file is read and parsed once.
public final class Workspace: Sendable {
    /// A policy given with `--policy`, overriding the walk up from each playbook.
    private let explicitPolicy: String?
    private let parsed = Mutex<[String: Parsed]>([:])
    /// `normalize` of each path asked about: the policy's path comes up once per playbook.
    private let normalizedPaths = Mutex<[String: String]>([:])
    /// The policy of each folder, by the folder as the playbook's path spells it.
    private let policyPaths = Mutex<[String: String?]>([:])

    /// A parsed file and its text.
    public struct Parsed: Sendable {
        public var source: SourceFile
        public var result: ParseResult
    }

    public init(policyPath: String? = nil) {
        self.explicitPolicy = policyPath
    }

    /// Reads and parses `path` (as a policy when its name says so); nil when unreadable.
    public func parse(_ path: String) -> Parsed? {
        let key = normalized(path)
        if let cached = parsed.withLock({ $0[key] }) { return cached }
        let entry: Parsed
        switch try? FileBytes.read(path) {
        case nil:
            return nil
        case .bytes(let bytes)?:
            let source = SourceFile(path: path, bytes: bytes)
            entry = Parsed(source: source, result: Frontend.parse(source))
        case .tooLarge(let size)?:
            let refusal = YAMLLoader.tooLarge(path: path, size: size, limits: .default)
            let shown = SourceFile(path: path, bytes: FileBytes.firstLine(path))
            entry = Parsed(source: shown, result: ParseResult(document: nil, diagnostics: [refusal]))
        }
        parsed.withLock { $0[key] = entry }
        return entry
    }

    /// Lets go of the parse of `path`; asked for again, the file is read and parsed again. A lint
    /// of many playbooks drops each tree once it is checked, rather than holding all of them.
    public func forget(_ path: String) {
        let key = normalized(path)
        _ = parsed.withLock { $0.removeValue(forKey: key) }
    }

    /// The policy file for a playbook: `--policy`, else the nearest `runbook.policy.yaml` up the tree.
    public func policyPath(for playbookPath: String) -> String? {
        if let explicitPolicy { return explicitPolicy }
        // Playbooks of one folder share a policy: walk up once per folder.
        let folder = playbookPath.lastIndex(of: "/").map { String(playbookPath[..<$0]) } ?? ""
        if let known = policyPaths.withLock({ $0[folder] }) { return known }
        let found = Self.nearestPolicy(above: playbookPath)
        policyPaths.withLock { $0[folder] = .some(found) }
        return found
    }

    /// The nearest `runbook.policy.yaml` in the folder of `playbookPath` or above it.
    private static func nearestPolicy(above playbookPath: String) -> String? {
        var folder = URL(fileURLWithPath: playbookPath).standardizedFileURL.deletingLastPathComponent()
        while true {
            let candidate = folder.appendingPathComponent(Frontend.policyFileName)
            if FileManager.default.fileExists(atPath: candidate.path) {
                return Self.relative(candidate.path)
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    /// Resolves `playbook:` paths relative to the calling file's folder.
    public var callees: CalleeResolver {
        CalleeResolver { [self] path, caller in
            let base = URL(fileURLWithPath: caller).deletingLastPathComponent()
            let full = path.hasPrefix("/") ? path : base.appendingPathComponent(path).path
            guard let entry = parse(Self.relative(full)), !entry.result.diagnostics.hasErrors else { return nil }
            return entry.result.playbook
        }
    }

    /// Paths are shown relative to the current folder when they lie below it.
    static func relative(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let standardized = URL(fileURLWithPath: path).standardizedFileURL.path
        if standardized.hasPrefix(cwd + "/") { return String(standardized.dropFirst(cwd.count + 1)) }
        return standardized
    }

    /// One spelling per file (`./a/b.yaml` and `a/b.yaml` are the same), for de-duplication.
    public static func normalize(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// `normalize(path)`, worked out once per path.
    public func normalized(_ path: String) -> String {
        if let known = normalizedPaths.withLock({ $0[path] }) { return known }
        let normalized = Self.normalize(path)
        normalizedPaths.withLock { $0[path] = normalized }
        return normalized
    }
}
