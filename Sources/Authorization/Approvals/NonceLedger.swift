import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The approvals a state dir has accepted, by nonce, so each token works once.
///
/// One line per use (`nonce run approver time`), appended under an exclusive lock, so two
/// runs started at once with the same token cannot both accept it.
public struct NonceLedger: Sendable {
    public let path: String

    public init(stateDirectory: String) { path = stateDirectory + "/approvals/used-nonces" }

    /// Records every nonce for `runID`, or records none and returns the run that used each
    /// nonce before.
    public func consume(_ nonces: [(nonce: String, approver: String)], runID: String) throws -> [String: String] {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw KeyError("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw KeyError("cannot lock \(path): \(String(cString: strerror(errno)))") }
        defer { flock(fd, LOCK_UN) }
        let used = Self.usedRuns(FileManager.default.contents(atPath: path) ?? Data())
        let replayed = nonces.reduce(into: [String: String]()) { out, entry in
            if let run = used[entry.nonce] { out[entry.nonce] = run }
        }
        guard replayed.isEmpty else { return replayed }
        let now = Int(Date().timeIntervalSince1970)
        let lines = nonces.map { "\($0.nonce) \(runID) \($0.approver) \(now)\n" }.joined()
        let bytes = Array(lines.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else {
            throw KeyError("cannot record used approvals in \(path): \(String(cString: strerror(errno)))")
        }
        return [:]
    }

    private static func usedRuns(_ data: Data) -> [String: String] {
        var out: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count >= 2 { out[String(fields[0])] = String(fields[1]) }
        }
        return out
    }
}
