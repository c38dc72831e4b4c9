import BackendKit
import Foundation
import PostgresNIO

/// Where a postgres target is, parsed from `postgres://user:password@host:port/database?sslmode=…`.
///
/// It holds the password, so its `description` says `host:port/database` only and its
/// `debugDescription` and mirror show every field but the password.
public struct PostgresTarget: Sendable, Hashable {
    /// How much TLS to use, as libpq's `sslmode` (`allow` is read as `prefer`).
    public enum SSLMode: String, Sendable, Hashable, CaseIterable {
        case disable, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    var password: String?
    public var database: String
    public var sslMode: SSLMode
    /// `sslrootcert`: a PEM file of CA certificates for `verify-ca` and `verify-full`.
    public var sslRootCertificate: String?
    public var applicationName: String?
    public var connectTimeout: Duration

    /// Whether the URL carried a password (its value is never exposed).
    public var hasPassword: Bool { password != nil }

    /// Parses a `postgres://` or `postgresql://` URL; user, password and database are percent-decoded.
    ///
    /// Throws `BackendError(.invalidRequest)` whose message never repeats the URL.
    public init(url: String, connectTimeout: Duration = .seconds(10)) throws {
        func invalid(_ why: String) -> BackendError {
            BackendError(.invalidRequest, "invalid postgres URL: \(why)")
        }
        guard let schemeEnd = url.range(of: "://") else {
            throw invalid("expected postgres://user:password@host:port/database")
        }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw invalid("the scheme must be postgres:// or postgresql://, not \(scheme)://")
        }
        var rest = Substring(url[schemeEnd.upperBound...])

        // The password may hold unencoded '@', '/', '?' or ':' (people paste them): the
        // user info ends at the last '@'.
        var userInfo: Substring?
        if let at = rest.lastIndex(of: "@") {
            userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
        }

        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        if let hash = query.firstIndex(of: "#") { query = query[..<hash] }
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        if let hash = path.firstIndex(of: "#") { path = path[..<hash] }

        let hostPort = rest
        var host: String
        var portText: Substring?
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { throw invalid("unterminated [IPv6] host") }
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw invalid("unexpected text after the [IPv6] host") }
                portText = after.dropFirst()
            }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = String(hostPort[..<colon])
            portText = hostPort[hostPort.index(after: colon)...]
        } else {
            host = String(hostPort)
        }
        host = try Self.decode(host, "host", invalid)
        guard !host.contains(",") else { throw invalid("several hosts are not supported") }
        if host.isEmpty { host = "localhost" }

        var port = 5432
        if let portText, !portText.isEmpty {
            guard let value = Int(portText), (1...65535).contains(value) else {
                throw invalid("the port must be a number from 1 to 65535")
            }
            port = value
        }

        var user = ""
        var password: String?
        if let userInfo {
            if let colon = userInfo.firstIndex(of: ":") {
                user = try Self.decode(String(userInfo[..<colon]), "user name", invalid)
                password = try Self.decode(String(userInfo[userInfo.index(after: colon)...]), "password", invalid)
            } else {
                user = try Self.decode(String(userInfo), "user name", invalid)
            }
        }
        guard !user.isEmpty else { throw invalid("no user name (postgres://USER:password@host/database)") }

        var database = try Self.decode(String(path), "database name", invalid)
        if database.isEmpty { database = user }

        var sslMode = SSLMode.prefer
        var rootCertificate: String?
        var applicationName: String?
        var timeout = connectTimeout
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = try Self.decode(String(parts[0]), "query parameter", invalid)
            let value = try Self.decode(parts.count > 1 ? String(parts[1]) : "", "value of \(key)", invalid)
            switch key {
            case "sslmode":
                if value == "allow" {
                    sslMode = .prefer
                } else if let mode = SSLMode(rawValue: value) {
                    sslMode = mode
                } else {
                    throw invalid("sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full")
                }
            case "sslrootcert":
                rootCertificate = value
            case "application_name":
                applicationName = value
            case "connect_timeout":
                guard let seconds = Int(value), seconds > 0 else {
                    throw invalid("connect_timeout must be a positive number of seconds")
                }
                timeout = .seconds(seconds)
            default:
                // A typo such as `sslmod=require` must not silently weaken the connection.
                throw invalid("unsupported parameter \(key) (supported: sslmode, sslrootcert, application_name, connect_timeout)")
            }
        }

        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.sslMode = sslMode
        self.sslRootCertificate = rootCertificate
        self.applicationName = applicationName
        self.connectTimeout = timeout
    }

    private static func decode(_ text: String, _ what: String, _ invalid: (String) -> BackendError) throws -> String {
        guard text.contains("%") else { return text }
        guard let decoded = text.removingPercentEncoding else {
            throw invalid("the \(what) has an invalid percent-encoding")
        }
        return decoded
    }

    /// `host:port/database`, the most any message may say about where a target is.
    public var location: String {
        let shownHost = host.utf8.contains(UInt8(ascii: ":")) ? "[\(host)]" : host
        return "\(shownHost):\(port)/\(database)"
    }

    /// The postgres-nio configuration for this target, with TLS set up as `sslmode` asks.
    public func configuration() throws -> PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: try tls()
        )
        configuration.options.connectTimeout = .nanoseconds(Self.nanoseconds(connectTimeout))
        if let applicationName {
            configuration.options.additionalStartupParameters = [("application_name", applicationName)]
        }
        return configuration
    }

    private func tls() throws -> PostgresConnection.Configuration.TLS {
        var settings = TLSConfiguration.makeClientConfiguration()
        switch sslMode {
        case .disable:
            return .disable
        case .prefer, .require:
            // As libpq: these encrypt but do not authenticate the server.
            settings.certificateVerification = .none
        case .verifyCA:
            settings.certificateVerification = .noHostnameVerification
        case .verifyFull:
            settings.certificateVerification = .fullVerification
        }
        if let sslRootCertificate {
            settings.trustRoots = .file(sslRootCertificate)
        }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: settings)
        } catch {
            throw BackendError(.connection, "cannot set up TLS for postgres at \(location): \(error)")
        }
        return sslMode == .prefer ? .prefer(context) : .require(context)
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? Int64.max : scaled &+ attoseconds / 1_000_000_000
    }

    /// Removes the password from text that might echo it (defence in depth for error messages).
    func scrub(_ text: String) -> String {
        guard let password, password.count >= 3 else { return text }
        var result = text.replacingOccurrences(of: password, with: "<redacted>")
        if let encoded = password.addingPercentEncoding(withAllowedCharacters: .alphanumerics), encoded != password {
            result = result.replacingOccurrences(of: encoded, with: "<redacted>")
        }
        return result
    }
}

extension PostgresTarget: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { location }

    public var debugDescription: String {
        var fields = [
            "user: \(user)",
            "password: \(password == nil ? "none" : "<redacted>")",
            "host: \(host)",
            "port: \(port)",
            "database: \(database)",
            "sslmode: \(sslMode.rawValue)",
        ]
        if let sslRootCertificate { fields.append("sslrootcert: \(sslRootCertificate)") }
        if let applicationName { fields.append("application_name: \(applicationName)") }
        fields.append("connect_timeout: \(connectTimeout)")
        return "PostgresTarget(\(fields.joined(separator: ", ")))"
    }

    public var customMirror: Mirror {
        Mirror(self, children: [
            "host": host, "port": port, "user": user, "password": password == nil ? "none" : "<redacted>",
            "database": database, "sslMode": sslMode, "connectTimeout": connectTimeout,
        ], displayStyle: .struct)
    }
}
