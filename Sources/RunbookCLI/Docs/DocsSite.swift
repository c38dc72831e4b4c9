import Foundation
import Language

/// The playbooks named on the command line, the page each one becomes, and their rendering.
enum DocsSite {
    /// A playbook found from the arguments and where its page goes under `--out`.
    struct Entry: Equatable {
        /// As found and as shown on the page (`playbooks/red-flags/dlq-spike.yaml`).
        var source: String
        /// Relative to `--out`: the path below a folder argument, or the file's name (`red-flags/dlq-spike.md`).
        var page: String
    }

    /// A rendered page and what the index lists about it.
    struct Page {
        var entry: Entry
        var markdown: String
        var playbook: Playbook
        var levelTitle: String?
    }

    /// The playbooks under each argument (a folder is searched like `lint` does; the policy is skipped).
    static func entries(_ arguments: [String]) throws(InputFiles.Problem) -> [Entry] {
        var entries: [Entry] = []
        for argument in arguments {
            let folder = isFolder(argument) ? shown(argument) : nil
            for path in try InputFiles.collect([argument]) where !Frontend.isPolicy(path: path) {
                let source = shown(path)
                var relative = (source as NSString).lastPathComponent
                if let folder {
                    relative = folder == "." ? source : String(source.dropFirst(folder.count + 1))
                }
                entries.append(Entry(source: source, page: pagePath(forPlaybook: relative)))
            }
        }
        var seen = Set<String>()
        return entries.filter { seen.insert($0.source).inserted }
    }

    /// `level1.yaml` → `level1.md`, `../level2.yaml` → `../level2.md`: pages mirror the playbooks' folders.
    static func pagePath(forPlaybook path: String) -> String {
        for suffix in [".yaml", ".yml"] where path.hasSuffix(suffix) {
            return String(path.dropLast(suffix.count)) + ".md"
        }
        return path + ".md"
    }

    /// The page of one playbook, or nil after printing why it does not pass lint.
    static func render(_ entry: Entry, policyPath: String?) -> Page? {
        guard let loaded = PlaybookLoader(policyPath: policyPath).load(entry.source) else { return nil }
        let playbook = loaded.playbook
        var callees: [String: Playbook] = [:]
        for step in playbook.allSteps {
            guard case .playbook(let call) = step.action else { continue }
            callees[call.path.value] = loaded.workspace.callees.load(call.path.value, loaded.source.path)
        }
        let effects = loaded.effects
        let page = DocsPage(playbook: playbook, policy: loaded.policy, effects: effects, sourcePath: entry.source,
                            policyPath: loaded.policy.map { shownPolicy($0.path, for: entry.source) }, callees: callees)
        return Page(entry: entry, markdown: page.render(), playbook: playbook,
                    levelTitle: loaded.policy?.level(playbook.level.value)?.title?.value)
    }

    /// The policy relative to the playbook's folder when it lies above it (`../runbook.policy.yaml`).
    private static func shownPolicy(_ policy: String, for playbook: String) -> String {
        let policyFolder = URL(fileURLWithPath: policy).standardizedFileURL.deletingLastPathComponent().pathComponents
        let playbookFolder = URL(fileURLWithPath: playbook).standardizedFileURL.deletingLastPathComponent().pathComponents
        guard playbookFolder.starts(with: policyFolder) else { return policy }
        return String(repeating: "../", count: playbookFolder.count - policyFolder.count) + (policy as NSString).lastPathComponent
    }

    private static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// `./playbooks//level1.yaml` → `playbooks/level1.yaml`; a folder loses its trailing slash.
    static func shown(_ path: String) -> String {
        var parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        while parts.count > 1, parts.first == "." { parts.removeFirst() }
        let joined = parts.joined(separator: "/")
        return path.hasPrefix("/") ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}
