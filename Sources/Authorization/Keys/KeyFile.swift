import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Private key files: written with mode 0600 and refused when anyone but the owner could read them.
///
/// The file is three lines: a header, `name: NAME`, and the raw 32-byte key in base64.
public enum KeyFile {
    static let header = "runbook ed25519 private key v1"

    /// Writes `key` for `name` to `path` (mode 0600, never over an existing file).
    public static func write(_ key: SigningKey, name: String, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { throw KeyError("\(path) already exists; keep it, or remove it first to make a new key") }
            throw KeyError("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let text = "\(header)\nname: \(name)\n\(key.raw.base64EncodedString())\n"
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else {
            throw KeyError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Reads the key at `path`, refusing a file that its group or others may read or write.
    public static func read(_ path: String) throws -> (name: String, key: SigningKey) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw KeyError("no private key at \(path): \(String(cString: strerror(errno))) (make one with `runbook keygen NAME`, or pass --key FILE)")
        }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw KeyError("refusing \(path): its mode is \(String(mode, radix: 8)), so others may read it; run `chmod 600 \(path)`")
        }
        guard let data = FileManager.default.contents(atPath: path),
              let text = String(data: data, encoding: .utf8) else {
            throw KeyError("cannot read \(path)")
        }
        let lines = text.split(separator: "\n").map(String.init)
        guard lines.count == 3, lines[0] == header, lines[1].hasPrefix("name: "),
              let raw = Data(base64Encoded: lines[2]), let key = try? SigningKey(raw: raw) else {
            throw KeyError("\(path) is not a runbook private key (expected the file `runbook keygen` writes)")
        }
        return (String(lines[1].dropFirst(6)), key)
    }
}

/// A key that cannot be made, found or used; the message says which and what to do.
public struct KeyError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
