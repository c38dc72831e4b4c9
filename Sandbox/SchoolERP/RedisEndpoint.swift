import Foundation

/// Where the ERP's Redis is and how to log in, from `redis://[[user]:password@]host[:port][/db]`.
///
/// The sandbox keeps its data in one numbered database (db 1), so the URL's path matters:
/// every new connection selects it. Printing an endpoint never shows the password.
struct RedisEndpoint: Sendable, Equatable, CustomStringConvertible {
    var host: String
    var port: Int
    var database: Int
    var username: String?
    var password: String?

    /// Parses a `redis://` URL; nil when it is not one this sandbox understands.
    init?(url: String) {
        guard url.hasPrefix("redis://") else { return nil }
        var rest = Substring(url.dropFirst("redis://".count))
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = credentials.firstIndex(of: ":") {
                let user = String(credentials[..<colon])
                username = user.isEmpty ? nil : user
                password = String(credentials[credentials.index(after: colon)...]).removingPercentEncodingOrSelf
            } else {
                password = String(credentials).removingPercentEncodingOrSelf
            }
            if password?.isEmpty == true { password = nil }
        }
        let path = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let authority = path.first ?? ""
        if path.count > 1, !path[1].isEmpty {
            guard let number = Int(path[1]), number >= 0 else { return nil }
            database = number
        } else {
            database = 0
        }
        let hostAndPort = authority.split(separator: ":", maxSplits: 1)
        guard let hostPart = hostAndPort.first, !hostPart.isEmpty else { return nil }
        host = String(hostPart)
        if hostAndPort.count == 2 {
            guard let number = Int(hostAndPort[1]), (1...65_535).contains(number) else { return nil }
            port = number
        } else {
            port = 6379
        }
    }

    /// `host:port/db`: all a log line or an error message may say about it.
    var description: String { "redis://\(host):\(port)/\(database)" }

    /// The `AUTH` command a new connection sends, or nil without credentials.
    var authCommand: [String]? {
        guard let password else { return nil }
        if let username { return ["AUTH", username, password] }
        return ["AUTH", password]
    }
}

extension String {
    /// Percent-decoded, or unchanged when the text is not valid percent-encoding.
    var removingPercentEncodingOrSelf: String { removingPercentEncoding ?? self }
}
