import Language
import Testing
@testable import Checker

/// (sql, expected effect of the whole text, expected keyword of its strongest statement).
private let classificationCases: [(String, Effect, String)] = [
    // Reads.
    ("SELECT 1", .read, "SELECT"),
    ("select * from users where id = 1", .read, "SELECT"),
    ("SHOW search_path", .read, "SHOW"),
    ("VALUES (1), (2)", .read, "VALUES"),
    ("TABLE users", .read, "TABLE"),
    ("(SELECT 1) UNION (SELECT 2)", .read, "SELECT"),
    ("EXPLAIN SELECT 1", .read, "EXPLAIN"),
    ("EXPLAIN DELETE FROM t", .read, "EXPLAIN"),
    ("EXPLAIN (ANALYZE false) DELETE FROM t", .read, "EXPLAIN"),
    ("EXPLAIN ANALYZE SELECT 1", .read, "EXPLAIN ANALYZE … SELECT"),
    ("WITH x AS (SELECT 1) SELECT * FROM x", .read, "WITH"),
    ("COPY t TO STDOUT", .read, "COPY … TO STDOUT"),
    ("COPY (SELECT * FROM t) TO STDOUT WITH CSV", .read, "COPY … TO STDOUT"),
    ("BEGIN", .read, "BEGIN"),
    ("START TRANSACTION READ ONLY", .read, "START TRANSACTION"),
    ("COMMIT", .read, "COMMIT"),
    ("ROLLBACK", .read, "ROLLBACK"),
    ("END", .read, "END"),
    ("SAVEPOINT a", .read, "SAVEPOINT"),
    ("", .read, ""),
    ("-- DROP TABLE users", .read, ""),
    ("/* DELETE FROM t */", .read, ""),
    ("SELECT 'DROP TABLE users; DELETE FROM t'", .read, "SELECT"),
    ("SELECT $$ DROP TABLE t $$", .read, "SELECT"),
    ("SELECT E'it\\'s; DROP TABLE t'", .read, "SELECT"),
    ("SELECT * FROM \"t;DROP TABLE x\"", .read, "SELECT"),
    ("SELECT 'pg_terminate_backend(1)'", .read, "SELECT"),
    ("SELECT pg_size_pretty(pg_total_relation_size('t'))", .read, "SELECT"),
    ("DECLARE c CURSOR FOR SELECT 1", .read, "DECLARE CURSOR"),
    ("PREPARE q AS SELECT 1", .read, "PREPARE … SELECT"),
    ("PREPARE TRANSACTION 'x'", .read, "PREPARE TRANSACTION"),
    ("LISTEN jobs", .read, "LISTEN"),
    // Writes.
    ("INSERT INTO t VALUES (1)", .write, "INSERT"),
    ("UPDATE t SET a = 1 WHERE id = 2", .write, "UPDATE"),
    ("update t set a = 1 where id in (select id from u)", .write, "UPDATE"),
    ("DELETE FROM t WHERE id = 1", .write, "DELETE"),
    ("DELETE FROM t USING u WHERE t.id = u.id", .write, "DELETE"),
    ("DELETE FROM t WHERE CURRENT OF c", .write, "DELETE"),
    ("CREATE TABLE t (a int)", .write, "CREATE TABLE"),
    ("CREATE OR REPLACE VIEW v AS SELECT 1", .write, "CREATE VIEW"),
    ("CREATE UNIQUE INDEX i ON t (a)", .write, "CREATE INDEX"),
    ("CREATE SCHEMA \"greenwood_high\"", .write, "CREATE SCHEMA"),
    ("SET search_path TO x", .write, "SET"),
    ("RESET ALL", .write, "RESET"),
    ("COPY t FROM '/tmp/x.csv'", .write, "COPY … FROM"),
    ("COPY t (a, b) FROM STDIN", .write, "COPY … FROM"),
    ("COPY t TO '/tmp/x.csv'", .write, "COPY … TO"),
    ("GRANT SELECT ON t TO bob", .write, "GRANT"),
    ("COMMENT ON TABLE t IS 'DROP'", .write, "COMMENT"),
    ("REFRESH MATERIALIZED VIEW m", .write, "REFRESH"),
    ("VACUUM FULL t", .write, "VACUUM"),
    ("ANALYZE t", .write, "ANALYZE"),
    ("CLUSTER t", .write, "CLUSTER"),
    ("REINDEX TABLE t", .write, "REINDEX"),
    ("LOCK TABLE t IN EXCLUSIVE MODE", .write, "LOCK"),
    ("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE", .write, "MERGE"),
    ("CALL refresh_all()", .write, "CALL"),
    ("EXECUTE q(1)", .write, "EXECUTE"),
    ("COMMIT PREPARED 'x'", .write, "COMMIT PREPARED"),
    ("ALTER TABLE t ADD COLUMN c int", .write, "ALTER TABLE"),
    ("ALTER TABLE t RENAME COLUMN drop_date TO d", .write, "ALTER TABLE"),
    ("ALTER TABLE t ADD CONSTRAINT c CHECK (s <> 'DROP')", .write, "ALTER TABLE"),
    ("SELECT * INTO backup_t FROM t", .write, "SELECT … INTO"),
    ("SELECT * FROM t FOR UPDATE", .write, "SELECT … FOR UPDATE"),
    ("SELECT pg_terminate_backend(1234)", .write, "SELECT"),
    ("SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE state = 'active'", .write, "SELECT"),
    ("select PG_CATALOG.PG_TERMINATE_BACKEND(42)", .write, "SELECT"),
    ("SELECT nextval('s')", .write, "SELECT"),
    ("WITH x AS (SELECT 1) DELETE FROM t WHERE id = 1", .write, "WITH … DELETE"),
    ("WITH u AS (UPDATE t SET a = 1 WHERE b RETURNING *) SELECT * FROM u", .write, "WITH … UPDATE"),
    ("WITH RECURSIVE r(n) AS (SELECT 1 UNION SELECT n + 1 FROM r) INSERT INTO t SELECT n FROM r", .write, "WITH … INSERT"),
    ("EXPLAIN ANALYZE INSERT INTO t VALUES (1)", .write, "EXPLAIN ANALYZE … INSERT"),
    ("DO $$ BEGIN UPDATE t SET a = 1 WHERE id = 2; END $$", .write, "DO"),
    ("DO $$ BEGIN RAISE NOTICE 'DROP TABLE t'; END $$", .write, "DO"),
    ("DO $$ BEGIN PERFORM pg_terminate_backend(pid) FROM pg_stat_activity; END $$", .write, "DO"),
    ("FROBNICATE everything", .write, "FROBNICATE"),
    ("\\copy t from 'x'", .write, "\\"),
    // Destructive.
    ("DROP TABLE users", .destructive, "DROP TABLE"),
    ("drop table if exists users cascade", .destructive, "DROP TABLE"),
    ("DROP SCHEMA IF EXISTS \"greenwood_high\" CASCADE;", .destructive, "DROP SCHEMA"),
    ("DROP MATERIALIZED VIEW m", .destructive, "DROP MATERIALIZED VIEW"),
    ("DROP FOREIGN DATA WRAPPER w", .destructive, "DROP FOREIGN DATA WRAPPER"),
    ("DROP OWNED BY bob", .destructive, "DROP OWNED"),
    ("TRUNCATE users", .destructive, "TRUNCATE"),
    ("TRUNCATE TABLE a, b RESTART IDENTITY", .destructive, "TRUNCATE"),
    ("DELETE FROM users", .destructive, "DELETE"),
    ("dElEtE fRoM users", .destructive, "DELETE"),
    ("DELETE FROM t -- WHERE id = 1", .destructive, "DELETE"),
    ("DELETE FROM t /* WHERE id = 1 */ RETURNING *", .destructive, "DELETE"),
    ("DELETE FROM \"where\"", .destructive, "DELETE"),
    ("DELETE FROM t WHERE true", .destructive, "DELETE"),
    ("DELETE FROM t WHERE 1 = 1", .destructive, "DELETE"),
    ("UPDATE t SET a = 1 WHERE (1=1) RETURNING a", .destructive, "UPDATE"),
    ("UPDATE t SET a = 1 WHERE 'x' = 'x'", .destructive, "UPDATE"),
    ("UPDATE users SET active = false", .destructive, "UPDATE"),
    ("UPDATE t SET note = 'WHERE id = 1'", .destructive, "UPDATE"),
    ("UPDATE t SET a = (SELECT b FROM u WHERE u.id = 1)", .destructive, "UPDATE"),
    ("UPDATE t SET a = s.a FROM (SELECT * FROM s WHERE x) s", .destructive, "UPDATE"),
    ("ALTER TABLE t DROP COLUMN c", .destructive, "ALTER TABLE … DROP"),
    ("ALTER TABLE IF EXISTS t DROP CONSTRAINT c", .destructive, "ALTER TABLE … DROP"),
    ("ALTER TABLE t DROP c", .destructive, "ALTER TABLE … DROP"),
    ("ALTER TABLE t ALTER COLUMN c DROP DEFAULT", .destructive, "ALTER TABLE … DROP"),
    ("ALTER TYPE mood DROP ATTRIBUTE a", .destructive, "ALTER TYPE … DROP"),
    ("ALTER DEFAULT PRIVILEGES IN SCHEMA s REVOKE SELECT ON TABLES FROM u", .destructive, "ALTER DEFAULT PRIVILEGES … REVOKE"),
    ("REVOKE ALL ON t FROM bob", .destructive, "REVOKE"),
    ("WITH d AS (DELETE FROM t RETURNING *) SELECT count(*) FROM d", .destructive, "WITH … DELETE"),
    ("WITH a AS (SELECT 1), d AS NOT MATERIALIZED (DELETE FROM t) SELECT 1", .destructive, "WITH … DELETE"),
    ("WITH x AS (SELECT 1) UPDATE t SET a = 1", .destructive, "WITH … UPDATE"),
    ("EXPLAIN ANALYZE DELETE FROM t", .destructive, "EXPLAIN ANALYZE … DELETE"),
    ("EXPLAIN ANALYSE VERBOSE DELETE FROM t", .destructive, "EXPLAIN ANALYZE … DELETE"),
    ("EXPLAIN (FORMAT JSON, ANALYZE) UPDATE t SET a = 1", .destructive, "EXPLAIN ANALYZE … UPDATE"),
    ("EXPLAIN (ANALYZE on) TRUNCATE t", .destructive, "EXPLAIN ANALYZE … TRUNCATE"),
    ("COPY (DELETE FROM t RETURNING *) TO STDOUT", .destructive, "COPY (DELETE)"),
    ("PREPARE q AS DELETE FROM t", .destructive, "PREPARE … DELETE"),
    ("SELECT pg_drop_replication_slot('s')", .destructive, "SELECT"),
    ("SELECT 1; DROP TABLE t; SELECT 2", .destructive, "DROP TABLE"),
    ("BEGIN; DELETE FROM t; COMMIT;", .destructive, "DELETE"),
    ("DO $$ BEGIN DELETE FROM t; END $$", .destructive, "DO … DELETE"),
    ("do $body$ begin if x then drop table t; end if; end $body$ language plpgsql", .destructive, "DO … DROP TABLE"),
    ("DO LANGUAGE plpgsql 'BEGIN TRUNCATE t; END'", .destructive, "DO … TRUNCATE"),
    ("DO $$ BEGIN EXECUTE 'DROP TABLE ' || quote_ident(t); END $$", .destructive, "DO … EXECUTE … DROP TABLE"),
    ("DO $$ BEGIN EXECUTE format('DELETE FROM %I', t); END $$", .destructive, "DO … EXECUTE … DELETE"),
    ("DO $$ DECLARE r record; BEGIN FOR r IN SELECT * FROM t LOOP DELETE FROM u; END LOOP; END $$", .destructive, "DO … DELETE"),
    ("DO $$ BEGIN NULL; EXCEPTION WHEN others THEN UPDATE t SET a = 1; END $$", .destructive, "DO … UPDATE"),
    ("DO $$ <<main>> BEGIN DROP VIEW v; END main $$", .destructive, "DO … DROP VIEW"),
    ("DO $o$ BEGIN EXECUTE $i$ DO $$ BEGIN DROP TABLE t; END $$ $i$; END $o$", .destructive, "DO … EXECUTE … DO … DROP TABLE"),
    ("DROP TABLE t /* unterminated", .destructive, "DROP TABLE"),
    ("DROP INDEX CONCURRENTLY i", .destructive, "DROP INDEX"),
    ("ALTER TABLE t DROP COLUMN IF EXISTS c", .destructive, "ALTER TABLE … DROP"),
    ("SELECT lo_unlink(42)", .destructive, "SELECT"),
    ("EXPLAIN ANALYZE SELECT pg_terminate_backend(1)", .write, "EXPLAIN ANALYZE … SELECT"),
    ("EXPLAIN SELECT pg_terminate_backend(1)", .read, "EXPLAIN"),
    ("SELECT \"pg_terminate_backend\"(1)", .write, "SELECT"),
    ("WITH a AS (SELECT 1) SELECT pg_cancel_backend(1)", .write, "WITH … SELECT"),
    ("SELECT * FROM t FOR SHARE", .write, "SELECT … FOR SHARE"),
    ("DELETE FROM t WHERE (true)", .destructive, "DELETE"),
    ("DELETE FROM t WHERE true AND id = 1", .write, "DELETE"),
    ("COPY t (a) TO STDOUT", .read, "COPY … TO STDOUT"),
    ("ABORT", .read, "ABORT"),
    ("RELEASE SAVEPOINT a", .read, "RELEASE"),
    ("ROLLBACK PREPARED 'x'", .write, "ROLLBACK PREPARED"),
    ("FETCH 10 FROM c", .read, "FETCH"),
    ("CHECKPOINT", .write, "CHECKPOINT"),
    ("NOTIFY jobs, 'DROP'", .write, "NOTIFY"),
    ("DISCARD ALL", .write, "DISCARD"),
    ("CREATE TEMP TABLE x AS SELECT 1", .write, "CREATE TABLE"),
    ("WITH a AS (SELECT 1) , b AS (SELECT 2) SELECT 3", .read, "WITH"),
    ("WITH a AS (SELECT 1) SEARCH DEPTH FIRST BY x SET o SELECT 1", .read, "WITH"),
    ("WITH garbage DELETE FROM t", .destructive, "WITH … DELETE"),
    ("WITH garbage", .write, "WITH … WITH"),
]

@Suite struct SQLEffectsTests {
    @Test(arguments: classificationCases.indices)
    func classifiesStatements(_ index: Int) {
        let (sql, effect, keyword) = classificationCases[index]
        #expect(SQLEffects.effect(of: sql) == effect, "\(sql)")
        #expect((SQLEffects.strongestStatement(in: sql)?.keyword ?? "") == keyword, "\(sql)")
    }

    /// Reasons speak in human words and name what decided the effect.
    @Test(arguments: [
        ("DELETE FROM users", "DELETE without WHERE removes every row"),
        ("UPDATE users SET a = 1", "UPDATE without WHERE changes every row"),
        ("DELETE FROM t WHERE id = 1", "DELETE … WHERE removes only matching rows"),
        ("SELECT pg_terminate_backend(7)", "SELECT calls pg_terminate_backend(), which kills a server session"),
        ("SELECT pg_cancel_backend(7)", "SELECT calls pg_cancel_backend(), which cancels a running query"),
        ("TRUNCATE t", "TRUNCATE removes every row"),
        ("DROP TABLE t", "DROP TABLE removes the table and everything in it"),
        ("ALTER TABLE t DROP COLUMN c", "ALTER TABLE … DROP removes a column and its data"),
        ("FROBNICATE", "unknown statement 'FROBNICATE' (assumed write)"),
        ("DO $$ BEGIN DELETE FROM t; END $$", "DO block runs DELETE: DELETE without WHERE removes every row"),
    ])
    func explainsWhy(_ sql: String, _ reason: String) {
        #expect(SQLEffects.strongestStatement(in: sql)?.reason == reason)
    }

    @Test func splitsStatementsWithByteRanges() {
        let sql = "SELECT 'a;b'; -- note\n  DELETE FROM t ;\n;/* x */ DROP TABLE é"
        let statements = SQLEffects.statements(in: sql)
        #expect(statements.map(\.keyword) == ["SELECT", "DELETE", "DROP TABLE"])
        #expect(statements.map(\.effect) == [.read, .destructive, .destructive])
        let bytes = Array(sql.utf8)
        let texts = statements.map { String(decoding: bytes[$0.range], as: UTF8.self) }
        #expect(texts == ["SELECT 'a;b'", "DELETE FROM t", "DROP TABLE é"])
    }

    @Test func statementsInsideDollarQuotedFunctionBodiesAreNotSplit() {
        let sql = "CREATE FUNCTION f() RETURNS void AS $$ DELETE FROM t; DROP TABLE u; $$ LANGUAGE sql; SELECT f()"
        #expect(SQLEffects.statements(in: sql).map(\.keyword) == ["CREATE FUNCTION", "SELECT"])
        #expect(SQLEffects.effect(of: sql) == .write)
    }

    /// The seed runbook's own SQL.
    @Test(arguments: [
        ("""
          UPDATE "$TENANT_SCHEMA".user_sessions
          SET is_active = false,
              revoked_at = NOW(),
              revoke_reason = 'Tenant isolated for maintenance'
          WHERE is_active = true;
        """, Effect.write),
        ("""
          SELECT table_name, pg_size_pretty(pg_total_relation_size('"$TENANT_SCHEMA"."' || table_name || '"'))
          FROM information_schema.tables
          WHERE table_schema = '$TENANT_SCHEMA'
          ORDER BY pg_total_relation_size('"$TENANT_SCHEMA"."' || table_name || '"') DESC
          LIMIT 10;
        """, .read),
        ("SELECT state, count(*) FROM pg_stat_activity GROUP BY state;", .read),
        ("""
          SELECT pid, now() - pg_stat_activity.query_start AS duration, query
          FROM pg_stat_activity
          WHERE (now() - pg_stat_activity.query_start) > interval '30 seconds';
        """, .read),
        ("SELECT pg_terminate_backend(12345);", .write),
        ("DROP SCHEMA IF EXISTS \"$TENANT_SCHEMA\" CASCADE;", .destructive),
        ("CREATE SCHEMA \"$TENANT_SCHEMA\";", .write),
    ])
    func seedRunbookSQL(_ sql: String, _ effect: Effect) {
        #expect(SQLEffects.effect(of: sql) == effect)
    }
}
