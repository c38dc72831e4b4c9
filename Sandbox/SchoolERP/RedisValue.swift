import CHiredis

/// A Redis reply copied out of hiredis into plain Swift values, so the C reply can be freed at once.
enum RedisValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case array([RedisValue])
    case null
    /// An error reply (`ERR …`, `WRONGTYPE …`): the server answered, the command failed.
    case error(String)

    init(_ reply: UnsafePointer<redisReply>) {
        let node = reply.pointee
        switch node.type {
        case REDIS_REPLY_STATUS, REDIS_REPLY_STRING:
            self = .string(Self.text(of: node))
        case REDIS_REPLY_ERROR:
            self = .error(Self.text(of: node))
        case REDIS_REPLY_INTEGER:
            self = .integer(Int(node.integer))
        case REDIS_REPLY_ARRAY:
            guard let elements = node.element else {
                self = .array([])
                return
            }
            self = .array((0..<node.elements).map { index in
                elements[index].map { RedisValue(UnsafePointer($0)) } ?? .null
            })
        default:
            self = .null
        }
    }

    /// The value as a number: integer replies, and strings holding one (`GET` of a counter).
    var integer: Int? {
        switch self {
        case .integer(let number): number
        case .string(let text): Int(text)
        default: nil
        }
    }

    /// The value as text: status and bulk strings.
    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    private static func text(of node: redisReply) -> String {
        guard let bytes = node.str, node.len > 0 else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: bytes, count: node.len), as: UTF8.self)
    }
}
