import Foundation

/// Reads a run's journal back, for `runs`, `log`, `report` and `resume`.
public enum JournalReader {
    /// The events in order. A torn last line (a crash mid-write) is ignored; any other
    /// unreadable line is an error naming its line number.
    public static func read(_ path: String) throws -> [JournalEvent] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw JournalError("no journal at \(path)")
        }
        let lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        let decoder = JSONDecoder()
        var events: [JournalEvent] = []
        for (index, line) in lines.enumerated() where !line.isEmpty {
            do {
                events.append(try decoder.decode(JournalEvent.self, from: Data(line)))
            } catch {
                let isLast = index >= lines.count - 2 && data.last != 0x0A
                if isLast { break }
                throw JournalError("\(path):\(index + 1): unreadable journal line")
            }
        }
        return events
    }
}
