import Foundation
import PostgresNIO

/// Where the ERP's PostgreSQL is, from `postgres://user:password@host:port/database`.
///
/// The sandbox's server listens on 127.0.0.1 without TLS, so TLS is off. Printing an endpoint
/// never shows the password.
struct PostgresEndpoint: Sendable, CustomStringConvertible {
    var host: String
    var port: Int
    var user: String
    var password: String?
    var database: String

    /// Parses a `postgres://` or `postgresql://` URL; nil when it is not one.
    init?(url: String) {
        guard let components = URLComponents(string: url),
              components.scheme == "postgres" || components.scheme == "postgresql",
              let host = components.host, !host.isEmpty,
              let user = components.user, !user.isEmpty
        else { return nil }
        self.host = host
        port = components.port ?? 5432
        self.user = user.removingPercentEncodingOrSelf
        password = components.password?.removingPercentEncodingOrSelf
        let name = components.path.drop { $0 == "/" }
        database = name.isEmpty ? self.user : String(name)
    }

    var description: String { "postgres://\(host):\(port)/\(database)" }

    /// The connection settings, with a short connect timeout so a dead server is reported quickly.
    func configuration(connectTimeout: Duration) -> PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: .disable
        )
        configuration.options.connectTimeout = .nanoseconds(
            connectTimeout.components.seconds * 1_000_000_000 + connectTimeout.components.attoseconds / 1_000_000_000
        )
        return configuration
    }
}
