import BackendKit
import PostgresNIO

/// Turns result cells (postgres-nio asks for the binary format) into `Value`s.
///
/// bool → bool; int2/4/8 and oid → int; float4/8 → double (NaN and ±Infinity → their text);
/// numeric → exact decimal string; text, varchar, char, name → string; json/jsonb → the parsed
/// value; timestamptz → ISO 8601 in UTC (`2024-05-01T10:00:00.5Z`); timestamp and date → ISO
/// 8601 without a zone; uuid → string; bytea → `\x…`; arrays → (nested) arrays. Anything else
/// (interval, inet, money, enums, ranges, extension types…) is left pending here and becomes
/// the server's own text for it (see `PostgresTextResolver`).
enum PostgresValueDecoder {
    /// A decoded cell; `pending` leaves wait for their text from the server.
    indirect enum Decoded: Sendable, Equatable {
        case value(Value)
        case pending(Int)
        case array([Decoded])
    }

    /// Values only the server can print, by type OID, collected while decoding.
    struct Pending: Sendable {
        var items: [(type: UInt32, bytes: [UInt8])] = []

        mutating func add(type: UInt32, bytes: ArraySlice<UInt8>) -> Decoded {
            items.append((type, Array(bytes)))
            return .pending(items.count - 1)
        }
    }

    static func decode(_ cell: PostgresCell, pending: inout Pending) -> Decoded {
        guard let buffer = cell.bytes else { return .value(.null) }
        let bytes = Array(buffer.readableBytesView)
        if cell.format == .text {
            return .value(.string(String(decoding: bytes, as: UTF8.self)))
        }
        return decode(bytes[...], type: cell.dataType.rawValue, pending: &pending)
    }

    static func decode(_ bytes: ArraySlice<UInt8>, type: UInt32, pending: inout Pending) -> Decoded {
        if let value = scalar(bytes, type: type) { return .value(value) }
        if arrayTypes.contains(type), let array = array(bytes, pending: &pending) { return array }
        return pending.add(type: type, bytes: bytes)
    }

    /// The built-in array types (and int2vector, oidvector); arrays of user types (enums) get
    /// server-specific OIDs and come back as their text, `{a,b}`.
    private static let arrayTypes: Set<UInt32> = [
        22, 30, 143, 199, 271, 629, 651, 719, 775, 791, 1000, 1001, 1002, 1003, 1005, 1006, 1007, 1008,
        1009, 1010, 1011, 1012, 1013, 1014, 1015, 1016, 1017, 1018, 1019, 1020, 1021, 1022, 1027, 1028,
        1034, 1040, 1041, 1115, 1182, 1183, 1185, 1187, 1231, 1263, 1270, 1561, 1563, 2201, 2207, 2208,
        2209, 2210, 2211, 2949, 2951, 3221, 3643, 3644, 3645, 3735, 3770, 3807, 3905, 3907, 3909, 3911,
        3913, 3927, 4073, 4090, 4097, 4192,
    ]

    /// Fills the pending leaves with `texts` (by index); a missing text falls back to `localText`.
    static func resolve(_ decoded: Decoded, texts: [Int: String], pending: Pending) -> Value {
        switch decoded {
        case .value(let value):
            return value
        case .pending(let index):
            return .string(texts[index] ?? localText(pending.items[index].bytes[...]))
        case .array(let items):
            return .array(items.map { resolve($0, texts: texts, pending: pending) })
        }
    }

    /// Without the server: the bytes as text when they are UTF-8 without NUL (enums, citext,
    /// xml), else `\x` hex.
    static func localText(_ bytes: ArraySlice<UInt8>) -> String {
        if !bytes.contains(0), let text = String(validating: bytes, as: UTF8.self) {
            return text
        }
        return "\\x" + hex(bytes)
    }

    /// The types decoded here; nil for the rest (and for malformed bytes).
    private static func scalar(_ bytes: ArraySlice<UInt8>, type: UInt32) -> Value? {
        var reader = BinaryReader(bytes)
        switch type {
        case 16:
            return bytes.count == 1 ? .bool(bytes.first != 0) : nil
        case 17:
            return .string("\\x" + hex(bytes))
        case 18, 19, 25, 705, 1042, 1043:
            return .string(String(decoding: bytes, as: UTF8.self))
        case 20:
            return reader.int64().map { .int(Int($0)) }
        case 21:
            return reader.int16().map { .int(Int($0)) }
        case 23:
            return reader.int32().map { .int(Int($0)) }
        case 26:
            return reader.uint32().map { .int(Int($0)) }
        case 114:
            return json(String(decoding: bytes, as: UTF8.self))
        case 3802:
            guard bytes.first == 1 else { return nil }
            return json(String(decoding: bytes.dropFirst(), as: UTF8.self))
        case 700:
            return reader.uint32().map { float(Double(Float(bitPattern: $0))) }
        case 701:
            return reader.uint64().map { float(Double(bitPattern: $0)) }
        case 1700:
            return numeric(&reader).map(Value.string)
        case 1082:
            return reader.int32().map { .string(PostgresTimeText.date(days: $0)) }
        case 1114:
            return reader.int64().map { .string(PostgresTimeText.timestamp(microseconds: $0, utc: false)) }
        case 1184:
            return reader.int64().map { .string(PostgresTimeText.timestamp(microseconds: $0, utc: true)) }
        case 2950:
            return bytes.count == 16 ? .string(uuid(bytes)) : nil
        default:
            return nil
        }
    }

    /// A binary array: dimensions, null flag, element OID, sizes and lower bounds, then length-prefixed elements.
    private static func array(_ bytes: ArraySlice<UInt8>, pending: inout Pending) -> Decoded? {
        var reader = BinaryReader(bytes)
        guard let dimensions = reader.int32(), (0...6).contains(dimensions),
              let flags = reader.int32(), flags == 0 || flags == 1,
              let elementType = reader.uint32()
        else { return nil }
        if dimensions == 0 { return reader.isAtEnd ? .array([]) : nil }
        var sizes: [Int] = []
        for _ in 0..<dimensions {
            guard let size = reader.int32(), size >= 0, reader.int32() != nil else { return nil }
            sizes.append(Int(size))
        }
        var total = 1
        for size in sizes {
            let (product, overflow) = total.multipliedReportingOverflow(by: size)
            guard !overflow, product <= reader.remaining / 4 else { return nil }
            total = product
        }
        var elements: [(bytes: ArraySlice<UInt8>?, type: UInt32)] = []
        for _ in 0..<total {
            guard let length = reader.int32() else { return nil }
            if length == -1 {
                elements.append((nil, elementType))
                continue
            }
            guard length >= 0, let element = reader.bytes(Int(length)) else { return nil }
            elements.append((element, elementType))
        }
        guard reader.isAtEnd else { return nil }
        let decoded = elements.map { element in
            element.bytes.map { decode($0, type: element.type, pending: &pending) } ?? .value(.null)
        }
        return nest(decoded[...], sizes: sizes[...])
    }

    private static func nest(_ elements: ArraySlice<Decoded>, sizes: ArraySlice<Int>) -> Decoded {
        guard sizes.count > 1, let outer = sizes.first else { return .array(Array(elements)) }
        let inner = sizes.dropFirst()
        let stride = inner.reduce(1, *)
        return .array((0..<outer).map { index in
            let start = elements.startIndex + index * stride
            return nest(elements[start..<start + stride], sizes: inner)
        })
    }

    private static func json(_ text: String) -> Value {
        Value(json: text) ?? .string(text)
    }

    private static func float(_ number: Double) -> Value {
        if number.isNaN { return .string("NaN") }
        if number.isInfinite { return .string(number < 0 ? "-Infinity" : "Infinity") }
        return .double(number)
    }

    /// Base-10000 digits with a weight, a sign and a display scale, printed exactly.
    static func numeric(_ reader: inout BinaryReader) -> String? {
        guard let count = reader.int16(), let weight = reader.int16(), let sign = reader.uint16(),
              let scale = reader.int16(), count >= 0, scale >= 0
        else { return nil }
        switch sign {
        case 0xC000: return "NaN"
        case 0xD000: return "Infinity"
        case 0xF000: return "-Infinity"
        case 0x0000, 0x4000: break
        default: return nil
        }
        var digits: [Int] = []
        for _ in 0..<count {
            guard let digit = reader.int16(), (0..<10000).contains(digit) else { return nil }
            digits.append(Int(digit))
        }
        func digit(_ index: Int) -> Int { index >= 0 && index < digits.count ? digits[index] : 0 }
        func padded(_ value: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: 4 - text.count) + text
        }
        var text = weight < 0 ? "0" : String(digit(0))
        if weight > 0 {
            for index in 1...Int(weight) { text += padded(digit(index)) }
        }
        if scale > 0 {
            var fraction = ""
            var index = Int(weight) + 1
            while fraction.count < Int(scale) {
                fraction += padded(digit(index))
                index += 1
            }
            text += "." + fraction.prefix(Int(scale))
        }
        let isZero = digits.allSatisfy { $0 == 0 }
        return sign == 0x4000 && !isZero ? "-" + text : text
    }

    private static func uuid(_ bytes: ArraySlice<UInt8>) -> String {
        var result = ""
        for (offset, character) in hex(bytes).enumerated() {
            if [8, 12, 16, 20].contains(offset) { result.append("-") }
            result.append(character)
        }
        return result
    }

    private static func hex(_ bytes: ArraySlice<UInt8>) -> String {
        let digits = Array("0123456789abcdef")
        var text = ""
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return text
    }
}
