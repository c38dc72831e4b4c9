import Diagnostics
import Foundation

/// `# runbook:ignore RULE reason` comments: a finding of RULE on the comment's line, or on the
/// line below a comment that stands alone, is dropped. The reason is required, so every
/// exception explains itself in review.
public struct Suppressions {
    static let missingReason: RuleID = "suppression-reason"
    static let unused: RuleID = "unused-suppression"

    static let descriptors = [
        RuleDescriptor(missingReason, .error, "a `# runbook:ignore RULE` comment without a reason"),
        RuleDescriptor(unused, .warning, "a `# runbook:ignore` comment that suppresses nothing"),
    ]

    struct Entry {
        var rule: RuleID
        /// The lines whose findings it covers.
        var lines: Set<Int>
        var range: SourceRange
    }

    private var entries: [Entry] = []
    private var problems: [Diagnostic] = []

    /// Finds the suppression comments of a file.
    public init(source: SourceFile) {
        let marker = "# runbook:ignore"
        // Most files have none; a byte search avoids a per-line string search.
        guard Self.mentionsMarker(source.bytes) else { return }
        for number in 1...max(1, source.lineCount) {
            guard let line = source.line(number), let found = line.range(of: marker) else { continue }
            let before = line[..<found.lowerBound]
            let column = before.unicodeScalars.count + 1
            let words = line[found.upperBound...].split(separator: " ", omittingEmptySubsequences: true)
            let at = SourceRange(start: SourceLocation(file: source.path, line: number, column: column),
                                 end: SourceLocation(file: source.path, line: number, column: line.unicodeScalars.count + 1))
            guard let rule = words.first else {
                problems.append(Diagnostic(.error, Self.missingReason, "name the rule to ignore: `# runbook:ignore RULE reason`", at: at))
                continue
            }
            if words.count < 2 {
                problems.append(Diagnostic(.error, Self.missingReason,
                                           "ignoring '\(rule)' needs a reason: `# runbook:ignore \(rule) why this is safe`",
                                           at: at))
                continue
            }
            let standsAlone = before.allSatisfy { $0 == " " || $0 == "\t" }
            entries.append(Entry(rule: RuleID(rawValue: String(rule)),
                                 lines: standsAlone ? [number, number + 1] : [number], range: at))
        }
    }

    /// Whether the bytes hold `runbook:ignore`, by a plain scan for its first letters.
    static func mentionsMarker(_ bytes: [UInt8]) -> Bool {
        let marker = Array("runbook:ignore".utf8)
        guard bytes.count >= marker.count else { return false }
        let last = bytes.count - marker.count
        return bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            var index = 0
            // memchr finds the candidates' first letter far faster than a byte loop.
            while index <= last, let found = memchr(base + index, Int32(marker[0]), last + 1 - index) {
                index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if buffer[index..<index + marker.count].elementsEqual(marker) { return true }
                index += 1
            }
            return false
        }
    }

    /// `diagnostics` without the suppressed ones, plus problems with the comments themselves.
    public func apply(to diagnostics: [Diagnostic]) -> [Diagnostic] {
        var used = Array(repeating: false, count: entries.count)
        var kept: [Diagnostic] = []
        for diagnostic in diagnostics {
            let index = entries.firstIndex {
                $0.rule == diagnostic.rule && $0.lines.contains(diagnostic.location.line)
                    && $0.range.start.file == diagnostic.location.file
            }
            if let index {
                used[index] = true
            } else {
                kept.append(diagnostic)
            }
        }
        for (index, entry) in entries.enumerated() where !used[index] {
            kept.append(Diagnostic(.warning, Self.unused, "nothing here reports '\(entry.rule)'; remove this ignore comment",
                                   at: entry.range))
        }
        return kept + problems
    }
}
