import BackendKit
@testable import PostgresBackend
import Testing

/// Parsing target URLs and keeping their passwords out of every printed form.
@Suite("PostgresTarget")
struct PostgresTargetTests {
    struct Parsed: Sendable, CustomTestStringConvertible {
        var url: String
        var host: String
        var port: Int
        var user: String
        var password: String?
        var database: String
        var sslMode: PostgresTarget.SSLMode
        var testDescription: String { url }
    }

    static let valid: [Parsed] = [
        Parsed(url: "postgres://runbook:runbook-test-pw@127.0.0.1:54329/runbook",
               host: "127.0.0.1", port: 54329, user: "runbook", password: "runbook-test-pw", database: "runbook", sslMode: .prefer),
        Parsed(url: "postgresql://app@db.example.com/erp",
               host: "db.example.com", port: 5432, user: "app", password: nil, database: "erp", sslMode: .prefer),
        Parsed(url: "postgres://u%40corp:p%40ss%3Aw%2Fd%25@h:6543/my%20db?sslmode=disable",
               host: "h", port: 6543, user: "u@corp", password: "p@ss:w/d%", database: "my db", sslMode: .disable),
        Parsed(url: "postgres://u:raw@pass?with/chars@h/db?sslmode=require",
               host: "h", port: 5432, user: "u", password: "raw@pass?with/chars", database: "db", sslMode: .require),
        Parsed(url: "postgres://u:pw-for-v6@[::1]:5433/db?sslmode=verify-full",
               host: "::1", port: 5433, user: "u", password: "pw-for-v6", database: "db", sslMode: .verifyFull),
        Parsed(url: "postgres://u:@h:5432",
               host: "h", port: 5432, user: "u", password: "", database: "u", sslMode: .prefer),
        Parsed(url: "POSTGRES://u@h/d?sslmode=allow",
               host: "h", port: 5432, user: "u", password: nil, database: "d", sslMode: .prefer),
        Parsed(url: "postgres://u@h/d?sslmode=verify-ca&application_name=runbook&connect_timeout=3",
               host: "h", port: 5432, user: "u", password: nil, database: "d", sslMode: .verifyCA),
        Parsed(url: "postgres://u@/d",
               host: "localhost", port: 5432, user: "u", password: nil, database: "d", sslMode: .prefer),
    ]

    @Test(arguments: valid)
    func parses(_ expected: Parsed) throws {
        let target = try PostgresTarget(url: expected.url)
        #expect(target.host == expected.host)
        #expect(target.port == expected.port)
        #expect(target.user == expected.user)
        #expect(target.password == expected.password)
        #expect(target.database == expected.database)
        #expect(target.sslMode == expected.sslMode)
    }

    @Test func optionsFromTheQuery() throws {
        let target = try PostgresTarget(url: "postgres://u@h/d?application_name=runbook%20cli&connect_timeout=3")
        #expect(target.applicationName == "runbook cli")
        #expect(target.connectTimeout == .seconds(3))
        let configuration = try target.configuration()
        #expect(configuration.host == "h")
        #expect(configuration.port == 5432)
        #expect(configuration.username == "u")
        #expect(configuration.database == "d")
        #expect(configuration.tls.isAllowed && !configuration.tls.isEnforced)
        #expect(try PostgresTarget(url: "postgres://u@h/d?sslmode=disable").configuration().tls.isAllowed == false)
        #expect(try PostgresTarget(url: "postgres://u@h/d?sslmode=require").configuration().tls.isEnforced)
        #expect(try PostgresTarget(url: "postgres://u@h/d?sslmode=verify-full").configuration().tls.isEnforced)
    }

    static let invalid: [String] = [
        "http://u:secret-pw@h/db",
        "postgres://:secret-pw@h/db",
        "postgres://u:secret-pw@h:99999/db",
        "postgres://u:secret-pw@h:port/db",
        "postgres://u:secret-pw@h/db?sslmode=bogus",
        "postgres://u:secret-pw@h/db?sslmod=require",
        "postgres://u:secret-pw@h1,h2/db",
        "postgres://u:secret-pw@[::1/db",
        "postgres://u:secret-pw%zz@h/db",
        "postgres://u:secret-pw@h/db?connect_timeout=soon",
        "secret-pw",
    ]

    @Test(arguments: invalid)
    func rejects(_ url: String) {
        let error = #expect(throws: BackendError.self) { try PostgresTarget(url: url) }
        #expect(error?.reason == .invalidRequest)
        #expect(error?.message.contains("secret-pw") == false)
    }

    @Test(arguments: valid)
    func printedFormsNeverShowThePassword(_ expected: Parsed) throws {
        let target = try PostgresTarget(url: expected.url)
        let forms = [
            target.description, target.debugDescription, String(describing: target), String(reflecting: target),
            "\(target)", dumped(target),
        ]
        for form in forms {
            if let password = expected.password, !password.isEmpty {
                #expect(!form.contains(password), "\(form)")
            }
            #expect(!form.contains("postgres://"))
        }
        #expect(target.description == target.location)
        #expect(target.debugDescription.contains("user: \(expected.user)"))
        #expect(target.debugDescription.contains(expected.password == nil ? "password: none" : "password: <redacted>"))
    }

    @Test func locationIsHostPortDatabase() throws {
        #expect(try PostgresTarget(url: "postgres://u:p@127.0.0.1:54329/runbook").location == "127.0.0.1:54329/runbook")
        #expect(try PostgresTarget(url: "postgres://u:p@[::1]/db").location == "[::1]:5432/db")
    }

    @Test func scrubRemovesThePasswordFromMessages() throws {
        let target = try PostgresTarget(url: "postgres://u:s3cr%40t@h/d")
        #expect(target.scrub("auth failed for s3cr@t and s3cr%40t") == "auth failed for <redacted> and <redacted>")
    }

    private func dumped(_ target: PostgresTarget) -> String {
        var text = ""
        dump(target, to: &text)
        return text
    }
}
