@testable import PostgresBackend
import Testing

/// Splitting `sql` into statements as psql would.
@Suite("SQLScript")
struct SQLScriptTests {
    static let cases: [(sql: String, statements: [String])] = [
        ("select 1", ["select 1"]),
        ("select 1;", ["select 1"]),
        ("  select 1 ;  select 2  ;", ["select 1", "select 2"]),
        ("", []),
        (" ; ;\n", []),
        ("-- only a comment", []),
        ("select 1; -- trailing; comment", ["select 1"]),
        ("select 'a;b'; select 2", ["select 'a;b'", "select 2"]),
        ("select 'it''s; fine'", ["select 'it''s; fine'"]),
        ("select E'x\\';y'; select 2", ["select E'x\\';y'", "select 2"]),
        ("select 'x\\'; select 2", ["select 'x\\'", "select 2"]),
        ("select \"we;ird\" from t", ["select \"we;ird\" from t"]),
        ("select $$a;b$$; select $tag$ $$; $tag$", ["select $$a;b$$", "select $tag$ $$; $tag$"]),
        ("select $1; select a$b from t", ["select $1", "select a$b from t"]),
        ("select /* a; /* nested; */ b; */ 1; select 2", ["select /* a; /* nested; */ b; */ 1", "select 2"]),
        ("create rule r as on insert to t do also (insert into a values (1); insert into b values (2)); select 1",
         ["create rule r as on insert to t do also (insert into a values (1); insert into b values (2))", "select 1"]),
        ("create function f() returns int language sql begin atomic select 1; select case when true then 2 end; end; select f()",
         ["create function f() returns int language sql begin atomic select 1; select case when true then 2 end; end", "select f()"]),
        ("do $body$ begin perform 1; end $body$; select 1", ["do $body$ begin perform 1; end $body$", "select 1"]),
        ("select 'unterminated; select 2", ["select 'unterminated; select 2"]),
        ("\r\n\tselect 1\u{0B}\u{0C};\r\nselect 'é' \r\n", ["select 1", "select 'é'"]),
        ("\u{A0}select 1\u{2028}; \u{3000} select 2", ["select 1", "select 2"]),
    ]

    @Test(arguments: cases)
    func splits(sql: String, statements: [String]) {
        #expect(SQLScript(sql).statements.map(\.text) == statements)
    }

    static let control: [(sql: String, controls: Bool)] = [
        ("begin; update t set a = 1; commit", true),
        ("START TRANSACTION; select 1", true),
        ("update t set a = 1; rollback", true),
        ("savepoint s", true),
        ("end", true),
        ("prepare transaction 'x'", true),
        ("prepare q as select 1", false),
        ("update t set note = 'begin; commit'", false),
        ("/* begin */ delete from t", false),
        ("create function f() returns int language sql begin atomic select 1; end", false),
    ]

    @Test(arguments: control)
    func recognisesTransactionControl(sql: String, controls: Bool) {
        #expect(SQLScript(sql).controlsTransaction == controls)
    }

    static let copies: [(sql: String, throughClient: Bool)] = [
        ("copy t from stdin", true),
        ("select 1; COPY (select 1) TO STDOUT with csv", true),
        ("copy t from '/tmp/file.csv'", false),
        ("select 'copy t from stdin'", false),
        ("select stdin from t", false),
    ]

    @Test(arguments: copies)
    func recognisesCopyThroughTheClient(sql: String, throughClient: Bool) {
        #expect(SQLScript(sql).copiesThroughClient == throughClient)
    }
}
