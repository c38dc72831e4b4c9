import Foundation
import Hummingbird

/// The tenant's own routes, behind the seeds' middleware flags: `tenant:blocked:<schema>`
/// (level 2) and `tenant:maintenance:<schema>` (level 4) turn them into 503 for that school only.
///
/// The flags are read from Redis on every request, so setting or deleting one takes effect at
/// once. When Redis cannot be read the routes fail closed (503): an isolated school must not
/// reopen because the flag store is down.
struct TenantRoutes: Sendable {
    let erp: SchoolERP

    /// Every seeded user logs in with this password; any other fails and counts as a login failure.
    static let sandboxPassword = "school-erp-sandbox"
    static let defaultMaintenanceMessage = "System maintenance in progress."

    /// `GET /api/tenants/:schema/dashboard`.
    struct Dashboard: Encodable {
        var tenant: String
        var name: String
        var users: Int
        var students: Int
        var attendance: Int
        var grades: Int
        var activeSessions: Int
    }

    /// `POST /api/tenants/:schema/login`'s body.
    struct Login: Decodable {
        var email: String
        var password: String
    }

    /// A successful login: the token, whose md5 is the new `user_sessions.token_hash`.
    struct Session: Encodable {
        var token: String
        var tenant: String
        var userId: Int
        var role: String
    }

    func register(on router: Router<ERPRequestContext>) {
        router.get("/api/tenants/:schema/dashboard") { _, context in
            let schema = context.parameters.get("schema") ?? ""
            if let refusal = await gate(schema) { return refusal }
            return await dashboard(schema)
        }
        router.post("/api/tenants/:schema/login") { request, context in
            let schema = context.parameters.get("schema") ?? ""
            if let refusal = await gate(schema) { return refusal }
            return await login(schema, request: request, context: context)
        }
    }

    /// The middleware check: a 503 when the tenant is blocked or in maintenance (blocked wins),
    /// or when its flags cannot be read; nil lets the request through.
    private func gate(_ schema: String) async -> Response? {
        guard TenantName.isValid(schema) else { return JSONReply.error(.notFound, "unknown tenant", ["schema": schema]) }
        do {
            let flags = try await erp.probe.flags(of: schema)
            if flags.blocked { return JSONReply.error(.serviceUnavailable, "tenant blocked", ["tenant": schema]) }
            if flags.maintenance {
                let message = flags.message ?? Self.defaultMaintenanceMessage
                return JSONReply.error(.serviceUnavailable, "tenant in maintenance", ["tenant": schema, "message": message])
            }
            return nil
        } catch {
            return JSONReply.error(.serviceUnavailable, "tenant flags unavailable", ["detail": "\(error)"])
        }
    }

    private func dashboard(_ schema: String) async -> Response {
        do {
            guard let tenant = try await erp.store.tenant(schema) else {
                return JSONReply.error(.notFound, "unknown tenant", ["schema": schema])
            }
            let inventory = try await erp.store.inventory(of: schema)
            let tables = inventory.tables
            guard inventory.exists, TenantStore.requiredTables.allSatisfy({ tables[$0] != nil }) else {
                return JSONReply.error(.serviceUnavailable, "tenant data unavailable", ["tenant": schema])
            }
            return JSONReply.make(Dashboard(
                tenant: schema, name: tenant.name, users: tables["users"] ?? 0, students: tables["students"] ?? 0,
                attendance: tables["attendance"] ?? 0, grades: tables["grades"] ?? 0,
                activeSessions: inventory.activeSessions ?? 0
            ))
        } catch {
            return JSONReply.error(.serviceUnavailable, "database unavailable", ["detail": "\(error)"])
        }
    }

    private func login(_ schema: String, request: Request, context: ERPRequestContext) async -> Response {
        let body = try? await request.body.collect(upTo: 16 * 1024)
        guard let body, let login = try? JSONDecoder().decode(Login.self, from: Data(buffer: body)) else {
            return JSONReply.error(.badRequest, #"expected JSON {"email": …, "password": …}"#)
        }
        do {
            guard try await erp.store.tenant(schema) != nil else {
                return JSONReply.error(.notFound, "unknown tenant", ["schema": schema])
            }
            let user = try await erp.store.user(in: schema, email: login.email)
            guard let user, login.password == Self.sandboxPassword else {
                await recordFailure(schema, email: login.email, admin: user?.role == "admin", ip: context.clientIP(of: request))
                return JSONReply.error(.unauthorized, "invalid credentials")
            }
            let token = (0..<4).map { _ in String(UInt64.random(in: .min ... .max), radix: 16) }.joined()
            try await erp.store.createSession(in: schema, userID: user.id, token: token)
            EventLog.write("login", ["tenant": schema, "userId": user.id])
            return JSONReply.make(Session(token: token, tenant: schema, userId: user.id, role: user.role))
        } catch {
            return JSONReply.error(.serviceUnavailable, "database unavailable", ["detail": "\(error)"])
        }
    }

    /// Counts the failure in this minute's window and logs it as the seeds' playbook greps it.
    private func recordFailure(_ schema: String, email: String, admin: Bool, ip: String) async {
        if let count = try? await erp.redis.command("INCR", RedisKeys.loginFailures).integer, count == 1 {
            _ = try? await erp.redis.command("EXPIRE", RedisKeys.loginFailures, "60")
        }
        var fields: [String: any Sendable] = ["tenant": schema, "email": email, "ip": ip]
        if admin { fields["alert"] = "ADMIN_LOGIN_FAILED" }
        EventLog.write("login_failures", fields)
    }
}
