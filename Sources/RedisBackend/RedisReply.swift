import BackendKit
import CHiredis

/// A hiredis reply copied into Swift values, so the C reply can be freed on the session's queue.
///
/// The connection speaks RESP2, so map-like replies (`HGETALL`, `CONFIG GET`) are flat
/// `[field, value, …]` arrays, as `redis-cli` prints them.
struct RedisReply: Sendable {
    /// The whole reply: status and bulk strings as strings (invalid UTF-8 decoded lossily),
    /// integers as ints, nil as null, arrays as nested arrays, an error reply as its text.
    var value: Value
    /// The text of a top-level error reply (`ERR …`, `WRONGTYPE …`); nil otherwise.
    var error: String?

    init(_ reply: UnsafePointer<redisReply>) {
        value = Self.value(of: reply)
        if reply.pointee.type == REDIS_REPLY_ERROR, case .string(let text) = value {
            error = text
        }
    }

    /// The reply's status text (`OK`, `QUEUED`) when it is a simple string.
    var status: String? {
        if error == nil, case .string(let text) = value { return text }
        return nil
    }

    private static func value(of reply: UnsafePointer<redisReply>) -> Value {
        let node = reply.pointee
        switch node.type {
        case REDIS_REPLY_STATUS, REDIS_REPLY_ERROR, REDIS_REPLY_STRING:
            return .string(text(of: node))
        case REDIS_REPLY_INTEGER:
            return .int(Int(node.integer))
        case REDIS_REPLY_ARRAY:
            guard let elements = node.element else { return .array([]) }
            return .array((0..<node.elements).map { index in
                elements[index].map { value(of: UnsafePointer($0)) } ?? .null
            })
        default:
            return .null
        }
    }

    private static func text(of node: redisReply) -> String {
        guard let bytes = node.str, node.len > 0 else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: bytes, count: node.len), as: UTF8.self)
    }
}
