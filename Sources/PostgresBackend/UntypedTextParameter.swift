import PostgresNIO

/// A query argument sent as text with no declared type (OID 0), so the server infers it
/// from context the way psql literals are: `$1::int`, `where id = $1` and `values ($1)` all work.
struct UntypedTextParameter: PostgresDynamicTypeEncodable {
    var text: String

    var psqlType: PostgresDataType { PostgresDataType(0) }
    var psqlFormat: PostgresFormat { .text }

    func encode<JSONEncoder: PostgresJSONEncoder>(
        into byteBuffer: inout ByteBuffer,
        context: PostgresEncodingContext<JSONEncoder>
    ) {
        byteBuffer.writeString(text)
    }
}
