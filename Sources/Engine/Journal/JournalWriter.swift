import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Appends events to a run's journal, one JSON line each, and fsyncs before returning,
/// so a crash loses nothing that was reported as done.
public actor JournalWriter {
    public let path: String
    private let descriptor: Int32
    private var seq: Int
    private let encoder: JSONEncoder

    /// Opens (creating folders as needed) the journal at `path` for appending.
    public init(path: String, nextSeq: Int = 1) throws {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw JournalError("cannot open the journal \(path): \(String(cString: strerror(errno)))") }
        self.path = path
        self.descriptor = fd
        self.seq = nextSeq
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        self.encoder = encoder
    }

    deinit { close(descriptor) }

    /// Writes `event` (numbering and timestamping it) and waits until it is on disk.
    @discardableResult
    public func append(_ event: JournalEvent) throws -> JournalEvent {
        var event = event
        event.seq = seq
        event.time = Timestamp.now()
        var line = try encoder.encode(event)
        line.append(0x0A)
        try line.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw JournalError("cannot write the journal \(path): \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
        guard fsync(descriptor) == 0 else {
            throw JournalError("cannot sync the journal \(path): \(String(cString: strerror(errno)))")
        }
        seq += 1
        return event
    }
}

public struct JournalError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// UTC timestamps with milliseconds, as the journal writes them.
public enum Timestamp {
    public static func now() -> String { format(Date()) }

    public static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    public static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
