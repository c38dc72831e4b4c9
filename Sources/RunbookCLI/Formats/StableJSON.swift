import Foundation

/// Encodes documents as pretty JSON with sorted keys, so the same value always prints the same text.
enum StableJSON {
    /// The JSON text of `value`, ending with a newline.
    static func encode<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
        } catch {
            // Only non-finite floats or invalid top-level values fail, and the documents have neither.
            preconditionFailure("encoding a lint document cannot fail: \(error)")
        }
    }
}
