import Language

/// Effect inference for `shell` steps (language §5): `write` by default, `destructive` when
/// a known destructive pattern appears, `read` only when every command is a known read.
///
/// Scripts are tokenized like bash (quotes, comments, `;`, `&&`, `||`, `|`, continuations,
/// `$(…)`, here-documents); prefixes such as `VAR=x`, `sudo`, `env`, `timeout`, `xargs`,
/// `watch` are seen through, and scripts passed to `bash -c`, `psql -c`, `redis-cli`,
/// `ssh host '…'`, `eval`, `find -exec`, `docker|kubectl exec` are classified too. Arguments
/// of other commands are data: `echo "rm -rf /"` is a read.
///
/// Known false negatives: scripts run from files (`bash x.sh`, `psql -f`) count as `write`;
/// variables are not expanded (`$CMD` is an unknown command, so `write`); plain `rm FILE`
/// (no `-r`, no wildcard) is `write`; awk programs and `sed` `w` commands are taken as reads.
/// Known false positives: an unknown command whose argument contains an upper-case
/// `DROP`/`TRUNCATE`/`FLUSHDB`/`FLUSHALL` (or a destructive SQL statement) is destructive.
public enum ShellEffects {
    /// Every write or destructive finding, ordered by position.
    public static func findings(in script: String) -> [ShellFinding] {
        let all = ShellAnalyzer.findings(in: ShellText(script: script))
        var seen = Set<ShellFinding>()
        return all.filter { seen.insert($0).inserted }.sorted {
            ($0.range.lowerBound, $0.range.upperBound, $0.pattern) < (
                $1.range.lowerBound, $1.range.upperBound, $1.pattern
            )
        }
    }

    /// Findings of destructive patterns only.
    public static func destructiveFindings(in script: String) -> [ShellFinding] {
        findings(in: script).filter { $0.effect == .destructive }
    }

    /// Findings that make the script a write (not destructive ones).
    public static func writeFindings(in script: String) -> [ShellFinding] {
        findings(in: script).filter { $0.effect == .write }
    }

    /// `destructive` when a destructive pattern appears, `read` when `isReadOnly`, else `write`.
    public static func effect(of script: String) -> Effect {
        findings(in: script).map(\.effect).max() ?? .read
    }

    /// True only when every simple command is a known read-only one and nothing is
    /// redirected into a file; an empty script is read-only.
    public static func isReadOnly(_ script: String) -> Bool {
        findings(in: script).isEmpty
    }
}
