import PostgresNIO

/// Asks the server for the text of values the backend does not decode itself (interval, inet,
/// money, enums, ranges, extension types): each is sent back in its own binary format and
/// type and printed with `format('%s', …)`, which calls the type's output function, so it
/// reads exactly as psql shows it (a `::text` cast would not: `inet::text` adds `/32`).
struct PostgresTextResolver: Sendable {
    var connection: PostgresConnection
    var logger: Logger

    /// Values per query (a select list holds at most 1664 entries).
    static let chunkSize = 1000

    /// Texts by pending index; an index is missing when the server could not print it.
    func texts(for pending: PostgresValueDecoder.Pending) async -> [Int: String] {
        var texts: [Int: String] = [:]
        var start = 0
        while start < pending.items.count {
            let end = min(start + Self.chunkSize, pending.items.count)
            var bindings = PostgresBindings(capacity: end - start)
            for item in pending.items[start..<end] {
                bindings.append(BinaryParameter(type: item.type, bytes: item.bytes))
            }
            let columns = (1...(end - start)).map { "format('%s', $\($0))" }.joined(separator: ", ")
            let future: EventLoopFuture<PostgresQueryResult> = connection.query(
                PostgresQuery(unsafeSQL: "SELECT " + columns, binds: bindings), logger: logger
            )
            guard let row = try? await future.get().rows.first else { return texts }
            for (offset, cell) in row.enumerated() {
                if let buffer = cell.bytes, cell.dataType == .text {
                    texts[start + offset] = String(decoding: buffer.readableBytesView, as: UTF8.self)
                }
            }
            start = end
        }
        return texts
    }
}

/// A value sent back to the server as it came: its type and its binary format.
private struct BinaryParameter: PostgresDynamicTypeEncodable {
    var type: UInt32
    var bytes: [UInt8]

    var psqlType: PostgresDataType { PostgresDataType(type) }
    var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(
        into byteBuffer: inout ByteBuffer,
        context: PostgresEncodingContext<JSONEncoder>
    ) {
        byteBuffer.writeBytes(bytes)
    }
}
