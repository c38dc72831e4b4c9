import Foundation
import YAMLLoader

/// Reads a whole file; the checker's only file access besides callee resolution. A regular
/// file over the loader's size limit is not read at all, so a huge file costs no memory.
enum FileBytes {
    struct Unreadable: Error {}

    enum Contents {
        case bytes([UInt8])
        /// The file's size, which is over `LoaderLimits.maxBytes`.
        case tooLarge(Int)
    }

    static func read(_ path: String, limits: LoaderLimits = .default) throws -> Contents {
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) > limits.maxBytes {
            return .tooLarge(Int(info.st_size))
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw Unreadable() }
        return data.count > limits.maxBytes ? .tooLarge(data.count) : .bytes([UInt8](data))
    }

    /// The start of a file's first line (at most 4 KiB), for showing where a refusal points.
    static func firstLine(_ path: String) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 4096)) ?? Data())
        return Array(head.prefix { $0 != 0x0A && $0 != 0x0D })
    }
}
