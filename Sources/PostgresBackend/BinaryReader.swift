/// Reads big-endian integers from the front of a binary value.
struct BinaryReader {
    private var bytes: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { bytes.isEmpty }
    var remaining: Int { bytes.count }

    mutating func bytes(_ count: Int) -> ArraySlice<UInt8>? {
        guard count >= 0, bytes.count >= count else { return nil }
        let result = bytes.prefix(count)
        bytes = bytes.dropFirst(count)
        return result
    }

    private mutating func unsigned(_ width: Int) -> UInt64? {
        guard let data = bytes(width) else { return nil }
        return data.reduce(0) { $0 << 8 | UInt64($1) }
    }

    mutating func uint16() -> UInt16? { unsigned(2).map { UInt16($0) } }
    mutating func uint32() -> UInt32? { unsigned(4).map { UInt32($0) } }
    mutating func uint64() -> UInt64? { unsigned(8) }
    mutating func int16() -> Int16? { uint16().map { Int16(bitPattern: $0) } }
    mutating func int32() -> Int32? { uint32().map { Int32(bitPattern: $0) } }
    mutating func int64() -> Int64? { uint64().map { Int64(bitPattern: $0) } }
}
