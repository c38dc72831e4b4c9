import ArgumentParser
import Foundation

/// `runbook docs PLAYBOOK… [--out DIR]`: playbooks rendered as Markdown runbooks for people.
struct DocsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs",
        abstract: "Render playbooks as Markdown runbooks for people.",
        discussion: """
        Without --out the pages are printed. With --out DIR each playbook becomes DIR/NAME.md, \
        mirroring the folders given (playbooks/red-flags/dlq-spike.yaml becomes \
        DIR/red-flags/dlq-spike.md), plus DIR/index.md listing them by level. Secrets never \
        appear: targets show the `${{ env.X }}` they read. A playbook that does not pass lint \
        is not rendered: its errors are printed, nothing is written, and the exit status is 1. \
        See docs/docs-command.md.
        """)

    @Argument(help: "Playbooks, or folders to search for them.")
    var playbooks: [String]

    @Option(help: ArgumentHelp("Write the pages and index.md into this folder.", valueName: "DIR"))
    var out: String?

    @Option(help: "The policy file, instead of the nearest runbook.policy.yaml.")
    var policy: String?

    func run() throws {
        let entries: [DocsSite.Entry]
        do {
            entries = try DocsSite.entries(playbooks)
        } catch {
            Terminal.error(TerminalText.safe("error: \(error)\n", keepingNewlines: true))
            throw ExitStatus.usage.exitCode
        }
        guard !entries.isEmpty else {
            Terminal.error("error: no playbooks in \(playbooks.joined(separator: ", "))\n")
            throw ExitStatus.usage.exitCode
        }
        if out != nil, let clash = Dictionary(grouping: entries, by: \.page).values.first(where: { $0.count > 1 }) {
            Terminal.error("error: \(clash.map(\.source).joined(separator: " and ")) would both be written to \(clash[0].page)\n")
            throw ExitStatus.usage.exitCode
        }
        let pages = entries.map { DocsSite.render($0, policyPath: policy) }
        let rendered = pages.compactMap { $0 }
        guard rendered.count == pages.count else { throw ExitStatus.failure.exitCode }
        guard let out else {
            Terminal.write(rendered.map(\.markdown).joined(separator: "\n"))
            return
        }
        let index = DocsIndex(pages: rendered, sources: playbooks.map(DocsSite.shown)).render()
        do {
            for page in rendered { try write(page.markdown, to: page.entry.page, in: out) }
            try write(index, to: "index.md", in: out)
        } catch {
            Terminal.error("error: cannot write into \(out): \(error.localizedDescription)\n")
            throw ExitStatus.usage.exitCode
        }
        Terminal.write("wrote \(rendered.count) page\(rendered.count == 1 ? "" : "s") and index.md to \(out)\n")
    }

    private func write(_ text: String, to relative: String, in folder: String) throws {
        let url = URL(fileURLWithPath: folder).appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
}
