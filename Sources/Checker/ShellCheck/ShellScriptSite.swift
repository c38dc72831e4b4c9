import Diagnostics
import Language
import YAMLLoader

/// One `shell.run` script of a playbook, as ShellCheck sees it, with what maps its findings
/// back into the YAML file and the environment names the run sets for it.
struct ShellScriptSite {
    /// The script with `${{ … }}` masked to same-length `x`s (the injection rule reports those),
    /// so ShellCheck neither trips over them nor shifts any position.
    let script: String
    let map: ScalarPositionMap
    let lines: ShellScriptLines
    /// The step's `env:` names and the playbook's `env:` names.
    let declaredNames: Set<String>

    init(_ action: ShellAction, playbookEnv: Set<String>, source: SourceFile) {
        script = ScriptText.mask(action.runNode.scalar?.value ?? "")
        map = ScalarPositionMap(node: action.runNode, source: source)
        lines = ShellScriptLines(script)
        declaredNames = playbookEnv.union(action.env.map(\.name.value))
    }

    /// Whether there is anything to check.
    var isBlank: Bool { script.allSatisfy(\.isWhitespace) }

    /// The file range of a ShellCheck position range in this script.
    func range(of comment: ShellCheckComment) -> SourceRange {
        map.range(lines.offsets(line: comment.line, column: comment.column,
                                endLine: comment.endLine, endColumn: comment.endColumn))
    }

    /// The text of the script at a comment's range, for naming the variable of a finding.
    func text(of comment: ShellCheckComment) -> Substring {
        let offsets = lines.offsets(line: comment.line, column: comment.column,
                                    endLine: comment.endLine, endColumn: comment.endColumn)
        let scalars = script.unicodeScalars
        let lower = scalars.index(scalars.startIndex, offsetBy: offsets.lowerBound)
        let upper = scalars.index(lower, offsetBy: offsets.count)
        return Substring(scalars[lower..<upper])
    }

    /// Every shell script of `playbook`: steps (rollback steps included), then preconditions and verify probes.
    static func all(in playbook: Playbook, source: SourceFile) -> [ShellScriptSite] {
        let playbookEnv = Set(playbook.env.map(\.name.value))
        let actions = playbook.allSteps.map(\.action) + (playbook.preconditions + playbook.verify).map(\.action)
        return actions.compactMap { action in
            guard case .shell(let shell) = action else { return nil }
            return ShellScriptSite(shell, playbookEnv: playbookEnv, source: source)
        }
    }
}
