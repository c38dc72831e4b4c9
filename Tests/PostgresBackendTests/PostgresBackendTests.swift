import BackendKit
import BackendTestSupport
import Foundation
@testable import PostgresBackend
import Testing

/// The postgres backend against the real server: queries, arguments, outputs, errors,
/// budgets, timeouts, connection failures and concurrency.
@Suite("PostgresBackend")
struct PostgresBackendTests {
    @Test func kindIsPostgres() {
        #expect(PostgresBackend().kind == "postgres")
    }

    @Test func selectOne() async throws {
        try await PG.withSession { session in
            let result = try await PG.ok(session, PG.sql("select 1 as one"))
            #expect(result.failure == nil)
            #expect(result.outputs["rows"] == .array([.object(["one": .int(1)])]))
            #expect(result.outputs["value"] == .int(1))
            #expect(result.outputs["row_count"] == .int(1))
        }
    }

    @Test func multiStatementSQLRunsEveryStatementAndReportsTheLastResult() async throws {
        let table = PG.unique("multi")
        let lines = OutputLines()
        try await PG.withSession { session in
            let result = try await session.run(PG.sql("""
                create table \(table) (id int primary key, v text);
                -- a comment; with a semicolon
                insert into \(table) values (1, 'a;b'), (2, $$c;d$$), (3, E'e\\';f');
                /* another; comment */
                select count(*) as n from \(table);
                """), output: lines.sink)
            #expect(result.failure == nil)
            #expect(result.outputs["value"] == .int(3))
            #expect(result.outputs["row_count"] == .int(1))
            #expect(lines.lines == ["CREATE TABLE", "INSERT 0 3", "SELECT 1"])

            let stored = try await PG.ok(session, PG.sql("select v from \(table) order by id"))
            #expect(stored.outputs["rows"] == .array([
                .object(["v": .string("a;b")]), .object(["v": .string("c;d")]), .object(["v": .string("e';f")]),
            ]))
            try await PG.ok(session, PG.sql("drop table \(table)"))
        }
    }

    @Test func multiStatementSQLIsAllOrNothingLikeTheSimpleProtocol() async throws {
        let table = PG.unique("atomic")
        try await PG.withSession { session in
            try await PG.ok(session, PG.sql("create table \(table) (id int)"))
            let result = try await session.run(PG.sql("insert into \(table) values (1); select 1/0"), output: { _, _ in })
            #expect(result.failure == "ERROR 22012: division by zero (statement 2 of 2)")
            let count = try await PG.ok(session, PG.sql("select count(*) from \(table)"))
            #expect(count.outputs["value"] == .int(0))
            try await PG.ok(session, PG.sql("drop table \(table)"))
        }
    }

    @Test func sqlWithItsOwnTransactionReportsTheWrite() async throws {
        let table = PG.unique("owntx")
        try await PG.withSession { session in
            try await PG.ok(session, PG.sql("create table \(table) (id int)"))
            let result = try await PG.ok(session, PG.sql("begin; insert into \(table) select generate_series(1, 4); commit"))
            #expect(result.outputs["row_count"] == .int(4))
            #expect(result.outputs["rows"] == .array([]))
            #expect(result.outputs["value"] == .null)

            // A failure inside an explicit transaction must not leave the session aborted.
            let failed = try await session.run(PG.sql("begin; insert into \(table) values (5); select 1/0; commit"), output: { _, _ in })
            #expect(failed.failure?.hasPrefix("ERROR 22012") == true)
            let count = try await PG.ok(session, PG.sql("select count(*) from \(table)"))
            #expect(count.outputs["value"] == .int(4))
            try await PG.ok(session, PG.sql("drop table \(table)"))
        }
    }

    @Test func argsAreBoundNotSpliced() async throws {
        let table = PG.unique("inject")
        let payload = "x'; DROP TABLE \(table); --"
        try await PG.withSession { session in
            try await PG.ok(session, PG.sql("create table \(table) (id int, v text)"))
            let insert = try await PG.ok(session, PG.query("insert into \(table) values ($1, $2)", [.string("1"), .string(payload)]))
            #expect(insert.outputs["row_count"] == .int(1))
            let stored = try await PG.ok(session, PG.query("select v from \(table) where id = $1", [.string("1")]))
            #expect(stored.outputs["value"] == .string(payload))
            let intact = try await PG.ok(session, PG.query(
                "select count(*) from information_schema.tables where table_name = $1", [.string(table)]
            ))
            #expect(intact.outputs["value"] == .int(1))
            try await PG.ok(session, PG.sql("drop table \(table)"))
        }
    }

    @Test func argsTakeTheirTypeFromTheQueryAndNullIsNull() async throws {
        try await PG.withSession { session in
            let sum = try await PG.ok(session, PG.query("select $1::int + 1 as n", [.string("41")]))
            #expect(sum.outputs["value"] == .int(42))
            let compared = try await PG.ok(session, PG.query("select 5 > $1 as bigger", [.string("3")]))
            #expect(compared.outputs["value"] == .bool(true))
            let null = try await PG.ok(session, PG.query("select $1::text is null as missing, $2 as given", [.null, .string("b")]))
            #expect(null.outputs["rows"] == .array([.object(["missing": .bool(true), "given": .string("b")])]))
        }
    }

    @Test func rowsValueAndRowCount() async throws {
        try await PG.withSession { session in
            let many = try await PG.ok(session, PG.sql("select g as n, 'r' || g as label from generate_series(1, 3) g order by g"))
            #expect(many.outputs["rows"] == .array((1...3).map {
                .object(["n": .int($0), "label": .string("r\($0)")])
            }))
            #expect(many.outputs["value"] == .int(1))
            #expect(many.outputs["row_count"] == .int(3))

            let none = try await PG.ok(session, PG.sql("select 1 as n where false"))
            #expect(none.outputs["rows"] == .array([]))
            #expect(none.outputs["value"] == .null)
            #expect(none.outputs["row_count"] == .int(0))

            let ddl = try await PG.ok(session, PG.sql("set application_name = 'runbook-tests'"))
            #expect(ddl.outputs["row_count"] == .int(0))
        }
    }

    @Test func writesReportTheAffectedRows() async throws {
        let table = PG.unique("writes")
        try await PG.withSession { session in
            try await PG.ok(session, PG.sql("create table \(table) (id int, flag bool default false)"))
            let insert = try await PG.ok(session, PG.sql("insert into \(table) (id) select generate_series(1, 5)"))
            #expect(insert.outputs["row_count"] == .int(5))
            let update = try await PG.ok(session, PG.query("update \(table) set flag = true where id <= $1", [.string("3")]))
            #expect(update.outputs["row_count"] == .int(3))
            #expect(update.outputs["rows"] == .array([]))
            let returning = try await PG.ok(session, PG.sql("delete from \(table) where id > 3 returning id"))
            #expect(returning.outputs["row_count"] == .int(2))
            #expect(returning.outputs["value"] == .int(4))
            try await PG.ok(session, PG.sql("drop table \(table)"))
        }
    }

    @Test func serverErrorsAreFailuresWithTheirSQLState() async throws {
        let table = PG.unique("missing")
        try await PG.withSession { session in
            let missing = try await session.run(PG.sql("select * from \(table)"), output: { _, _ in })
            #expect(missing.failure == "ERROR 42P01: relation \"\(table)\" does not exist")
            #expect(missing.outputs["row_count"] == .int(0))

            let unique = PG.unique("dup")
            try await PG.ok(session, PG.sql("create table \(unique) (id int primary key)"))
            let duplicate = try await session.run(PG.sql("insert into \(unique) values (1), (1)"), output: { _, _ in })
            let failure = try #require(duplicate.failure)
            #expect(failure.hasPrefix("ERROR 23505: duplicate key value violates unique constraint"))
            #expect(failure.contains("; DETAIL: Key (id)=(1) already exists."))

            let hinted = try await session.run(PG.sql("select no_such_function_xyz(1)"), output: { _, _ in })
            #expect(hinted.failure?.hasPrefix("ERROR 42883: function no_such_function_xyz(integer) does not exist; HINT: ") == true)

            // The session is still usable after errors.
            let after = try await PG.ok(session, PG.sql("select 2"))
            #expect(after.outputs["value"] == .int(2))
            try await PG.ok(session, PG.sql("drop table \(unique)"))
        }
    }

    @Test func invalidRequestsThrowBeforeAnythingRuns() async throws {
        try await PG.withSession { session in
            let cases: [BackendRequest] = [
                BackendRequest(kind: "postgres", fields: [:]),
                BackendRequest(kind: "postgres", fields: ["sql": .string("select 1"), "query": .string("select 1")]),
                BackendRequest(kind: "postgres", fields: ["sql": .string("select $1"), "args": .array([.string("1")])]),
                BackendRequest(kind: "postgres", fields: ["query": .string("select $1"), "args": .string("1")]),
                PG.sql("begin; delete from t; commit", maxRows: 10),
                PG.sql("copy t from stdin"),
                PG.query("COPY (select 1) TO STDOUT"),
            ]
            for request in cases {
                let error = await #expect(throws: BackendError.self) {
                    try await session.run(request, output: { _, _ in })
                }
                #expect(error?.reason == .invalidRequest)
            }
        }
    }

    @Test func maxRowsWithinBudgetCommits() async throws {
        let table = PG.unique("budget_ok")
        try await PG.withSession { session in
            try await PG.ok(session, PG.sql("create table \(table) (id int, flag bool default false); insert into \(table) (id) select generate_series(1, 10)"))
            let result = try await session.run(
                PG.query("update \(table) set flag = true where id <= $1", [.string("5")], maxRows: 5), output: { _, _ in }
            )
            #expect(result.failure == nil)
            #expect(result.outputs["row_count"] == .int(5))
            let count = try await PG.ok(session, PG.sql("select count(*) from \(table) where flag"))
            #expect(count.outputs["value"] == .int(5))
            try await PG.ok(session, PG.sql("drop table \(table)"))
        }
    }

    @Test(arguments: [
        // One statement over budget.
        "update TABLE set flag = true",
        // Several statements whose changes add up past the budget (60 + 60).
        "update TABLE set flag = true where id <= 60; delete from TABLE where id > 60",
        // MERGE reports its count in a tag postgres-nio does not parse.
        "merge into TABLE t using generate_series(1, 120) g on t.id = g when matched then update set flag = true",
    ])
    func maxRowsOverBudgetRollsBack(statements: String) async throws {
        let table = PG.unique("budget_over")
        try await PG.withSession { session in
            try await PG.ok(session, PG.sql("create table \(table) (id int, flag bool default false); insert into \(table) (id) select generate_series(1, 120)"))
            let result = try await session.run(
                PG.sql(statements.replacingOccurrences(of: "TABLE", with: table), maxRows: 100), output: { _, _ in }
            )
            #expect(result.failure == "would change 120 rows, more than the step's budget of 100; rolled back")
            #expect(result.outputs["row_count"] == .int(0))
            let unchanged = try await PG.ok(session, PG.sql("select count(*) filter (where flag) as flagged, count(*) as total from \(table)"))
            #expect(unchanged.outputs["rows"] == .array([.object(["flagged": .int(0), "total": .int(120)])]))
            try await PG.ok(session, PG.sql("drop table \(table)"))
        }
    }

    @Test func statementTimeoutStopsTheQueryAndKeepsTheSession() async throws {
        try await PG.withSession { session in
            let before = try await PG.ok(session, PG.sql("show statement_timeout"))
            let clock = ContinuousClock()
            let start = clock.now
            let error = await #expect(throws: BackendError.self) {
                try await session.run(PG.query("select pg_sleep(5)", timeout: .milliseconds(500)), output: { _, _ in })
            }
            let elapsed = clock.now - start
            #expect(error?.reason == .timeout)
            #expect(error?.message.contains("500") == true)
            #expect(elapsed < .seconds(2))

            let after = try await PG.ok(session, PG.sql("select 1"))
            #expect(after.outputs["value"] == .int(1))
            let reset = try await PG.ok(session, PG.sql("show statement_timeout"))
            #expect(reset.outputs["value"] == before.outputs["value"])
        }
    }

    @Test func clientDeadlineClosesAHungConnectionAndTerminatesTheQuery() async throws {
        let marker = PG.unique("hung")
        try await PG.withSession { session in
            let clock = ContinuousClock()
            let start = clock.now
            // The statement disables the server-side timeout, so only the client deadline can stop it.
            let error = await #expect(throws: BackendError.self) {
                try await session.run(
                    PG.sql("set statement_timeout = 0; select pg_sleep(10) as \(marker)", timeout: .milliseconds(300)),
                    output: { _, _ in }
                )
            }
            #expect(error?.reason == .timeout)
            #expect(clock.now - start < .seconds(4))

            let after = try await PG.ok(session, PG.sql("select 1"))
            #expect(after.outputs["value"] == .int(1))
            #expect(try await PG.serverProcesses(running: marker, session) == 0)
        }
    }

    @Test func cancellingTheCallerStopsTheQuery() async throws {
        try await PG.withSession { session in
            let clock = ContinuousClock()
            let start = clock.now
            let marker = PG.unique("cancelled")
            let task = Task { try await session.run(PG.sql("select pg_sleep(10) as \(marker)"), output: { _, _ in }) }
            try await Task.sleep(for: .milliseconds(300))
            task.cancel()
            let error = await #expect(throws: BackendError.self) { try await task.value }
            #expect(error?.reason == .cancelled)
            #expect(clock.now - start < .seconds(4))
            let after = try await PG.ok(session, PG.sql("select 3"))
            #expect(after.outputs["value"] == .int(3))
            #expect(try await PG.serverProcesses(running: marker, session) == 0)
        }
    }

    @Test func concurrentRequestsOnOneSessionDoNotInterleave() async throws {
        try await PG.withSession { session in
            try await withThrowingTaskGroup(of: (Int, BackendResult).self) { group in
                for index in 0..<16 {
                    group.addTask {
                        // Two statements: another request's SET between them would show here.
                        let result = try await session.run(PG.sql(
                            "set application_name = 'request\(index)'; select current_setting('application_name'), pg_sleep(0.01)::text"
                        ), output: { _, _ in })
                        return (index, result)
                    }
                    group.addTask {
                        let result = try await session.run(PG.query("select $1::int * 2", [.string("\(index)")]), output: { _, _ in })
                        return (100 + index, result)
                    }
                }
                for try await (index, result) in group {
                    #expect(result.failure == nil)
                    if index < 100 {
                        #expect(result.outputs["value"] == .string("request\(index)"))
                    } else {
                        #expect(result.outputs["value"] == .int((index - 100) * 2))
                    }
                }
            }
        }
    }

    @Test func aClosedSessionRefusesRequests() async throws {
        try PG.requireServer()
        let session = try await PostgresBackend().connect(TargetSpec(name: "db", url: PG.url))
        await session.close()
        let error = await #expect(throws: BackendError.self) {
            try await session.run(PG.sql("select 1"), output: { _, _ in })
        }
        #expect(error?.reason == .connection)
    }
}
