import Testing
import TestSupport
@testable import Checker

private let sqlFragments = [
    "SELECT", "DELETE", "FROM", "WHERE", "WITH", "AS", "(", ")", "[", "]", ";", "'", "''", "E'\\'", "$$", "$t$", "\"",
    "/*", "*/", "--", "\n", "DO", "EXPLAIN", "ANALYZE", "COPY", "TO", "STDOUT", "ALTER", "DROP", "IF", "THEN", "LOOP",
    "EXECUTE", "PREPARE", "DECLARE", "FOR", "UPDATE", "SET", "=", "1", "x", "INTO", "<<", ">>", ":=", "RETURNING",
    "pg_terminate_backend", ",", "NOT", "MATERIALIZED", "RECURSIVE", "BEGIN", "END", "é",
]

private let shellFragments = [
    "rm", "-rf", "x", "'", "\"", "\\", "\\\n", "$(", ")", "(", "`", "${", "}", "$((", "|", "||", "&&", "&", ";", "\n",
    "<<", "EOF", "<<<", ">", ">>", "2>&1", "#", "bash", "-c", "psql", "redis-cli", "DEL", "sudo", "env", "X=1", "xargs",
    "watch", "find", "-exec", "\\;", "-delete", "docker", "exec", "kubectl", "--", "ssh", "echo", "cat", "eval", "$'",
    "*", "[[", "((", "{", "-S", "DROP TABLE t", "é",
]

@Suite struct EffectsFuzzTests {
    @Test func sqlNeverCrashes() {
        var random = SeededGenerator(seed: 42)
        for _ in 0..<3000 {
            let count = random.next(below: 14)
            let sql = (0..<count).map { _ in sqlFragments[random.next(below: sqlFragments.count)] }
                .joined(separator: random.next(below: 3) == 0 ? "" : " ")
            let statements = SQLEffects.statements(in: sql)
            #expect(statements.allSatisfy { $0.range.lowerBound <= $0.range.upperBound && $0.range.upperBound <= sql.utf8.count })
        }
    }

    @Test func shellNeverCrashes() {
        var random = SeededGenerator(seed: 7)
        for _ in 0..<3000 {
            let count = random.next(below: 14)
            let script = (0..<count).map { _ in shellFragments[random.next(below: shellFragments.count)] }
                .joined(separator: random.next(below: 3) == 0 ? "" : " ")
            let findings = ShellEffects.findings(in: script)
            #expect(findings.allSatisfy { $0.range.lowerBound <= $0.range.upperBound && $0.range.upperBound <= script.utf8.count })
        }
    }
}

/// Pathologically deep input must not exhaust the stack.
@Suite struct EffectsDepthTests {
    @Test func deeplyNestedSQL() {
        let depth = 3000
        #expect(SQLEffects.effect(of: String(repeating: "WITH a AS (", count: depth)) >= .read)
        #expect(SQLEffects.effect(of: String(repeating: "EXPLAIN ANALYZE ", count: depth) + "DELETE FROM t") == .write)
        #expect(SQLEffects.effect(of: String(repeating: "(", count: depth) + "SELECT 1") == .read)
        #expect(SQLEffects.effect(of: "DO $$ BEGIN " + String(repeating: "IF x THEN ", count: depth) + "DROP TABLE t; END $$")
                    == .destructive)
    }

    @Test func deeplyNestedShell() {
        let depth = 3000
        #expect(ShellEffects.effect(of: String(repeating: "sudo ", count: depth) + "rm -rf x") == .write)
        #expect(ShellEffects.effect(of: String(repeating: "! ", count: depth) + "ls") == .write)
        #expect(ShellEffects.effect(of: String(repeating: "\"$(", count: depth)) >= .read)
        #expect(ShellEffects.effect(of: String(repeating: "$(", count: depth) + "rm -rf x") >= .write)
        #expect(ShellEffects.effect(of: String(repeating: "(", count: depth) + "ls" + String(repeating: ")", count: depth)) == .read)
    }
}
