import BackendKit
import BackendTestSupport
@testable import PostgresBackend
import Testing

/// How each postgres type reads as a `Value`, checked against the real server.
@Suite("PostgresBackend type mapping")
struct PostgresTypeMappingTests {
    static let cases: [(sql: String, expected: Value)] = [
        ("true", .bool(true)),
        ("false", .bool(false)),
        ("(-32768)::int2", .int(-32768)),
        ("2147483647::int4", .int(2_147_483_647)),
        ("9007199254740993::int8", .int(9_007_199_254_740_993)),
        ("42::oid", .int(42)),
        ("1.5::float4", .double(1.5)),
        ("-2.25::float8", .double(-2.25)),
        ("'NaN'::float8", .string("NaN")),
        ("'-Infinity'::float4", .string("-Infinity")),
        ("123.4500::numeric", .string("123.4500")),
        ("-0.0001::numeric", .string("-0.0001")),
        ("0::numeric", .string("0")),
        ("100000::numeric", .string("100000")),
        ("12345678901234567890.123456789::numeric", .string("12345678901234567890.123456789")),
        ("1e-10::numeric", .string("0.0000000001")),
        ("'NaN'::numeric", .string("NaN")),
        ("'hello'::text", .string("hello")),
        ("'héllo wörld ✓'::varchar(20)", .string("héllo wörld ✓")),
        ("'ab'::char(3)", .string("ab ")),
        ("'x'::\"char\"", .string("x")),
        ("'pg_class'::name", .string("pg_class")),
        ("'{\"a\": [1, 2.5, \"x\", null, true]}'::json",
         .object(["a": .array([.int(1), .double(2.5), .string("x"), .null, .bool(true)])])),
        ("'{\"b\": {\"c\": 1}}'::jsonb", .object(["b": .object(["c": .int(1)])])),
        ("'\"just text\"'::jsonb", .string("just text")),
        ("'2024-05-01 12:00:00.5+02'::timestamptz", .string("2024-05-01T10:00:00.5Z")),
        ("'1999-12-31 23:59:59+00'::timestamptz", .string("1999-12-31T23:59:59Z")),
        ("'2024-05-01 12:00:00'::timestamp", .string("2024-05-01T12:00:00")),
        ("'2024-02-29'::date", .string("2024-02-29")),
        ("'1970-01-01'::date", .string("1970-01-01")),
        ("'infinity'::date", .string("infinity")),
        ("'0044-03-15 BC'::date", .string("0044-03-15 BC")),
        ("'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid", .string("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")),
        ("'\\xdeadbeef'::bytea", .string("\\xdeadbeef")),
        ("array[1, 2, 3]", .array([.int(1), .int(2), .int(3)])),
        ("array['a', null]::text[]", .array([.string("a"), .null])),
        ("'{{1,2},{3,4}}'::int[]", .array([.array([.int(1), .int(2)]), .array([.int(3), .int(4)])])),
        ("'{}'::int[]", .array([])),
        ("array[1.50]::numeric[]", .array([.string("1.50")])),
        ("array['1 day'::interval, null]", .array([.string("1 day"), .null])),
        ("array['{\"k\": 1}'::jsonb]", .array([.object(["k": .int(1)])])),
        // Anything else: the server's own text.
        ("'1 year 2 months 3 days 04:05:06.5'::interval", .string("1 year 2 mons 3 days 04:05:06.5")),
        ("'-1 day'::interval", .string("-1 days")),
        ("'13:45:06.123'::time", .string("13:45:06.123")),
        ("'13:45:06+05:30'::timetz", .string("13:45:06+05:30")),
        ("'192.168.0.1/24'::inet", .string("192.168.0.1/24")),
        ("'2001:db8::1'::inet", .string("2001:db8::1")),
        ("'10.0.0.1'::inet", .string("10.0.0.1")),
        ("'10.0.0.0/8'::cidr", .string("10.0.0.0/8")),
        ("'08:00:2b:01:02:03'::macaddr", .string("08:00:2b:01:02:03")),
        ("B'101'::bit(3)", .string("101")),
        ("'(1,2)'::point", .string("(1,2)")),
        ("'[1,5)'::int4range", .string("[1,5)")),
        ("'pg_class'::regclass", .string("pg_class")),
        ("'<a>1</a>'::xml", .string("<a>1</a>")),
        ("'a fat cat'::tsvector", .string("'a' 'cat' 'fat'")),
        ("null::int", .null),
        ("null::jsonb", .null),
    ]

    @Test(arguments: cases)
    func decodes(sql: String, expected: Value) async throws {
        try await PG.withSession { session in
            let result = try await PG.ok(session, PG.sql("select \(sql) as v"))
            #expect(result.outputs["value"] == expected, "select \(sql)")
            #expect(result.outputs["rows"] == .array([.object(["v": expected])]))
        }
    }

    @Test func manyServerPrintedValuesInOneResult() async throws {
        try await PG.withSession { session in
            let count = PostgresTextResolver.chunkSize + 5
            let result = try await PG.ok(session, PG.sql(
                "select g, make_interval(days => g) as i from generate_series(1, \(count)) g order by g"
            ))
            guard case .array(let rows) = result.outputs["rows"] else {
                Issue.record("rows is not an array")
                return
            }
            #expect(rows.count == count)
            #expect(rows.first == .object(["g": .int(1), "i": .string("1 day")]))
            #expect(rows.last == .object(["g": .int(count), "i": .string("\(count) days")]))
        }
    }

    @Test func enumsAndEnumArraysReadAsTheirLabels() async throws {
        let type = PG.unique("mood")
        try await PG.withSession { session in
            try await PG.ok(session, PG.sql("create type \(type) as enum ('sad', 'happy')"))
            let result = try await PG.ok(session, PG.sql(
                "select 'happy'::\(type) as one, array['sad', 'happy']::\(type)[] as many"
            ))
            #expect(result.outputs["rows"] == .array([.object(["one": .string("happy"), "many": .string("{sad,happy}")])]))
            try await PG.ok(session, PG.sql("drop type \(type)"))
        }
    }

    @Test func repeatedColumnNamesKeepTheFirstAndValueIsTheFirstColumn() async throws {
        try await PG.withSession { session in
            let result = try await PG.ok(session, PG.sql("select 1, 2, 'z' as a"))
            #expect(result.outputs["rows"] == .array([.object(["?column?": .int(1), "a": .string("z")])]))
            #expect(result.outputs["value"] == .int(1))
        }
    }
}
