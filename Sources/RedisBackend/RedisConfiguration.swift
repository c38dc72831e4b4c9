import BackendKit
import Foundation

/// Where a Redis target is and how to log in, parsed from `redis://[[user]:password@]host[:port][/db]`.
///
/// Printing it never shows the password: `description` is `redis://host:port/db`, `debugDescription`
/// adds the user and `***`, and the mirror hides the password from `dump`.
public struct RedisConfiguration: Sendable, Equatable {
    public static let defaultPort = 6379

    public var host: String
    public var port: Int
    public var database: Int
    /// The ACL user for `AUTH user password`; nil sends `AUTH password` (the `default` user).
    public var username: String?
    public var password: String?

    public init(host: String, port: Int = defaultPort, database: Int = 0, username: String? = nil, password: String? = nil) {
        self.host = host
        self.port = port
        self.database = database
        self.username = username
        self.password = password
    }

    /// Parses a `redis://` URL; credentials and host are percent-decoded.
    ///
    /// Without a colon in the user part the whole of it is the password, as `redis-cli -u` reads it.
    /// The credentials end at the last `@`, so a raw `@`, `/` or `#` in a password still parses.
    /// Throws `BackendError(.invalidRequest)` whose message never quotes the URL.
    public init(url: String) throws {
        guard let schemeEnd = url.range(of: "://") else {
            throw Self.invalid("it must start with redis://")
        }
        switch url[..<schemeEnd.lowerBound].lowercased() {
        case "redis": break
        case "rediss": throw Self.invalid("TLS (rediss://) is not supported by the redis backend")
        default: throw Self.invalid("it must start with redis://")
        }
        var rest = url[schemeEnd.upperBound...]

        var username: String?
        var password: String?
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                username = try Self.decode(userInfo[..<colon], what: "user name")
                password = try Self.decode(userInfo[userInfo.index(after: colon)...], what: "password")
            } else {
                password = try Self.decode(userInfo, what: "password")
            }
        }
        if rest.contains("?") || rest.contains("#") {
            throw Self.invalid("query parameters and fragments are not supported")
        }

        let authority: Substring
        let path: Substring
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            path = rest[rest.index(after: slash)...]
        } else {
            authority = rest
            path = ""
        }

        let (host, port) = try Self.hostAndPort(authority)
        let database: Int
        if path.isEmpty {
            database = 0
        } else if Self.isDigits(path), let number = Int(path) {
            database = number
        } else {
            throw Self.invalid("the database after the host must be a number (0, 1, …)")
        }

        self.init(
            host: host,
            port: port,
            database: database,
            username: username.flatMap { $0.isEmpty ? nil : $0 },
            password: password.flatMap { $0.isEmpty ? nil : $0 }
        )
    }

    /// `host:port`, with an IPv6 host in brackets: what error messages name.
    public var endpoint: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// `host:port/db`: the most a message may say about the target.
    public var location: String { "\(endpoint)/\(database)" }

    /// The `AUTH` argv the URL asks for, or nil when it has no credentials.
    var authArguments: [String]? {
        if let username { return ["AUTH", username, password ?? ""] }
        if let password { return ["AUTH", password] }
        return nil
    }

    private static func hostAndPort(_ authority: Substring) throws -> (String, Int) {
        var hostPart = authority
        var portPart: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw invalid("an IPv6 host needs a closing ]")
            }
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") {
                portPart = after.dropFirst()
            } else if !after.isEmpty {
                throw invalid("unexpected text after the IPv6 host")
            }
        } else if let colon = authority.firstIndex(of: ":") {
            hostPart = authority[..<colon]
            portPart = authority[authority.index(after: colon)...]
            if portPart?.contains(":") == true {
                throw invalid("an IPv6 host must be written in brackets, like [::1]")
            }
        }

        let host = try decode(hostPart, what: "host")
        guard !host.isEmpty else { throw invalid("it has no host") }
        guard let portPart else { return (host, defaultPort) }
        guard isDigits(portPart), let port = Int(portPart), (1...65_535).contains(port) else {
            throw invalid("the port must be a number from 1 to 65535")
        }
        return (host, port)
    }

    private static func isDigits(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    private static func decode(_ text: Substring, what: String) throws -> String {
        guard let decoded = String(text).removingPercentEncoding else {
            throw invalid("the \(what) has an invalid percent-encoding")
        }
        return decoded
    }

    private static func invalid(_ reason: String) -> BackendError {
        BackendError(.invalidRequest, "invalid redis URL: \(reason)")
    }
}

extension RedisConfiguration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "redis://\(location)" }

    public var debugDescription: String {
        switch (username, password) {
        case (let user?, _): "redis://\(user):***@\(location)"
        case (nil, _?): "redis://:***@\(location)"
        case (nil, nil): "redis://\(location)"
        }
    }

    public var customMirror: Mirror {
        Mirror(self, children: [
            "host": host, "port": port, "database": database,
            "username": username as Any, "password": password == nil ? "nil" : "***",
        ])
    }
}
