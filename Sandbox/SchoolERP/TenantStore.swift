import Foundation
import PostgresNIO

/// The ERP's reads and writes of tenant data in PostgreSQL: the tenant list in `public.tenants`,
/// what each tenant schema holds, the deployments, and login sessions.
///
/// Schema names reach SQL only after `TenantName.isValid`, and then as quoted identifiers.
struct TenantStore: Sendable {
    /// A row of `public.tenants`.
    struct Tenant: Sendable {
        var schema: String
        var name: String
        var status: String
    }

    /// What a tenant schema holds right now.
    struct Inventory: Sendable {
        /// Whether the schema exists at all (a restore drops and recreates it).
        var exists: Bool
        /// Row counts of every table in the schema, by table name.
        var tables: [String: Int]
        /// Sessions neither revoked nor expired; nil without a `user_sessions` table.
        var activeSessions: Int?
        /// Users with the `admin` role; nil without a `users` table.
        var admins: Int?
    }

    /// The row of `public.deployments` marked current.
    struct Deployment: Sendable {
        var version: String
        var deployedAt: Date
    }

    /// The tables every tenant schema needs (the pilot checklist's "schema complete").
    static let requiredTables = ["attendance", "grades", "students", "user_sessions", "users"]

    let database: ERPDatabase

    func tenants() async throws -> [Tenant] {
        let rows = try await database.rows("select schema_name, name, status from public.tenants order by schema_name")
        return try rows.map { row in
            let (schema, name, status) = try row.decode((String, String, String).self)
            return Tenant(schema: schema, name: name, status: status)
        }
    }

    func tenant(_ schema: String) async throws -> Tenant? {
        guard TenantName.isValid(schema) else { return nil }
        let rows = try await database.rows("select schema_name, name, status from public.tenants where schema_name = \(schema)")
        return try rows.first.map { row in
            let (schema, name, status) = try row.decode((String, String, String).self)
            return Tenant(schema: schema, name: name, status: status)
        }
    }

    func inventory(of schema: String) async throws -> Inventory {
        guard TenantName.isValid(schema) else { return Inventory(exists: false, tables: [:]) }
        let exists = try await database.rows("select exists (select 1 from pg_namespace where nspname = \(schema))")
        guard let row = exists.first, try row.decode(Bool.self) else { return Inventory(exists: false, tables: [:]) }
        // One round trip for every table's count: format('%I') quotes the names server-side.
        let counted = try await database.rows("""
            select table_name::text,
                   (xpath('/row/n/text()', query_to_xml(format('select count(*) as n from %I.%I', table_schema, table_name),
                                                        false, true, '')))[1]::text::bigint
            from information_schema.tables
            where table_schema = \(schema) and table_type = 'BASE TABLE'
            """)
        var tables: [String: Int] = [:]
        for row in counted {
            let (table, count) = try row.decode((String, Int).self)
            tables[table] = count
        }
        let quoted = TenantName.quoted(schema)
        var inventory = Inventory(exists: true, tables: tables)
        if tables["user_sessions"] != nil {
            inventory.activeSessions = try await count("""
                select count(*) from \(quoted).user_sessions where revoked_at is null and expires_at > now()
                """)
        }
        if tables["users"] != nil {
            inventory.admins = try await count("select count(*) from \(quoted).users where role = 'admin'")
        }
        return inventory
    }

    func currentDeployment() async throws -> Deployment? {
        let rows = try await database.rows("select version, deployed_at from public.deployments where current limit 1")
        return try rows.first.map { row in
            let (version, deployedAt) = try row.decode((String, Date).self)
            return Deployment(version: version, deployedAt: deployedAt)
        }
    }

    /// The id and role of the user with `email` in `schema`, or nil when there is none.
    func user(in schema: String, email: String) async throws -> (id: Int, role: String)? {
        guard TenantName.isValid(schema) else { return nil }
        let sql = "select id, role from \(TenantName.quoted(schema)).users where email = $1"
        var binds = PostgresBindings()
        binds.append(email)
        let rows = try await database.rows(PostgresQuery(unsafeSQL: sql, binds: binds))
        return try rows.first.map { row in
            let (id, role) = try row.decode((Int, String).self)
            return (id, role)
        }
    }

    /// Records a new session for `userID`, valid for 8 hours; only the token's hash is stored.
    func createSession(in schema: String, userID: Int, token: String) async throws {
        guard TenantName.isValid(schema) else { return }
        let sql = """
            insert into \(TenantName.quoted(schema)).user_sessions (user_id, token_hash, created_at, expires_at)
            values ($1, md5($2), now(), now() + interval '8 hours')
            """
        var binds = PostgresBindings()
        binds.append(userID)
        binds.append(token)
        _ = try await database.rows(PostgresQuery(unsafeSQL: sql, binds: binds))
    }

    private func count(_ sql: String) async throws -> Int {
        let rows = try await database.rows(PostgresQuery(unsafeSQL: sql))
        return try rows.first?.decode(Int.self) ?? 0
    }
}
