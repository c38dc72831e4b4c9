import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Appends events to a run's journal, one JSON line each, and syncs them to disk before
/// anything that depends on them happens, so a crash loses nothing that was reported as done.
///
/// A step's end may be written `durable: false`: it reaches the disk with the next line
/// (the next step's start, which is synced before that step runs), one sync per step
/// instead of two. A killed process loses nothing either way (the kernel holds the
/// write); a power cut can lose that end line, and resume then treats the step as
/// unfinished, so it is never run twice without the operator saying so.
///
/// Each line carries `prev`, the SHA-256 of the line before it (`JournalChain.genesis` for
/// the first); the start, resume and end lines end with the executor's `signature` over the
/// rest of the line, so `runbook log --verify` finds any line altered, removed or inserted.
public actor JournalWriter {
    public typealias Signer = @Sendable (Data) throws -> Data

    public let path: String
    private let descriptor: Int32
    private var seq: Int
    private var previousHash: String
    private let signer: Signer?
    /// A line was written but not yet synced.
    private var unsynced = false
    /// Bytes of whole lines in the file: a failed write is cut back to it.
    private var size: off_t
    /// Set by a failed write or sync; every later append fails with it, so nothing is
    /// written after a line that may be torn.
    private var failure: JournalError?

    /// Opens (creating folders as needed) the journal at `path` for appending. An existing
    /// journal continues its numbering and chain; a torn last line (a crash mid-write, never
    /// acknowledged) is cut off first so the chain stays whole.
    public init(path: String, signer: Signer? = nil) throws {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw JournalError("cannot open the journal \(path): \(String(cString: strerror(errno)))") }
        let existing = FileManager.default.contents(atPath: path) ?? Data()
        let complete = existing.lastIndex(of: 0x0A).map { existing.index(after: $0) } ?? existing.startIndex
        if complete < existing.endIndex, ftruncate(fd, off_t(complete)) != 0 {
            close(fd)
            throw JournalError("cannot repair the torn last line of \(path): \(String(cString: strerror(errno)))")
        }
        let lines = existing[..<complete].split(separator: 0x0A)
        self.path = path
        self.descriptor = fd
        self.signer = signer
        self.size = off_t(complete)
        self.previousHash = lines.last.map { JournalChain.hash(Data($0)) } ?? JournalChain.genesis
        self.seq = (lines.last.flatMap { try? JSONDecoder().decode(JournalEvent.self, from: Data($0)).seq } ?? 0) + 1
    }

    deinit { close(descriptor) }

    /// Writes `event` (numbering, timestamping, chaining and, for start, resume and end
    /// lines, signing it) and, when `durable`, waits until it and every line before it are on disk.
    @discardableResult
    public func append(_ event: consuming JournalEvent, durable: Bool = true) throws -> JournalEvent {
        if let failure { throw failure }
        event.seq = seq
        event.time = Timestamp.now()
        event.prev = previousHash
        event.signature = nil
        var line = try JournalLine.encode(event)
        if JournalChain.signedKinds.contains(event.type), let signer {
            let signature = try signer(Data(line)).base64EncodedString()
            event.signature = signature
            line = JournalChain.attach(signature: signature, to: line)
        }
        let hash = JournalChain.hash(line)
        line.append(0x0A)
        try line.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw fail("cannot write the journal \(path): \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
        seq += 1
        previousHash = hash
        size += off_t(line.count)
        unsynced = true
        if durable { try sync() }
        return event
    }

    /// Waits until every line written so far is on disk; before the operator is asked
    /// anything, so a long wait never sits on an unsynced line.
    public func sync() throws {
        guard unsynced else { return }
        guard fdatasync(descriptor) == 0 else {
            throw fail("cannot sync the journal \(path): \(String(cString: strerror(errno)))")
        }
        unsynced = false
    }

    /// Cuts a partly written line off (best effort: a full disk still allows shrinking a
    /// file) and refuses every later append.
    private func fail(_ message: String) -> JournalError {
        let error = JournalError(message)
        _ = ftruncate(descriptor, size)
        failure = error
        return error
    }
}

public struct JournalError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
