import Foundation

/// Reads a whole file; the checker's only file access besides callee resolution.
enum FileBytes {
    struct Unreadable: Error {}

    static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw Unreadable() }
        return [UInt8](data)
    }
}
