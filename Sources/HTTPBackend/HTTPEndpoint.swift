import BackendKit
import Foundation

/// A target's base URL split into printable parts and credentials, so a message can name
/// `host:port` and a request can carry basic auth without either ever holding the other.
struct HTTPEndpoint: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// `http` or `https`, lower-cased.
    var scheme: String
    /// The host without brackets (an IPv6 literal is `::1`).
    var host: String
    /// The port written in the URL; nil means the scheme's default.
    var explicitPort: Int?
    /// The percent-encoded path prefix without a trailing slash: `""` or `/api`.
    var basePath: String
    /// Userinfo from the URL, percent-decoded; sent as `Authorization: Basic`.
    var user: String?
    var password: String?

    init(url: String) throws {
        guard let components = URLComponents(string: url), let rawScheme = components.scheme else {
            throw BackendError(.invalidRequest, "the target URL is not an absolute http(s) URL")
        }
        let scheme = rawScheme.lowercased()
        guard scheme == "http" || scheme == "https" else {
            throw BackendError(.invalidRequest, "the target URL scheme must be http or https, not \(scheme)")
        }
        guard let host = components.host.map(Self.trimBrackets), !host.isEmpty else {
            throw BackendError(.invalidRequest, "the target URL has no host")
        }
        guard components.percentEncodedQuery == nil, components.percentEncodedFragment == nil else {
            throw BackendError(
                .invalidRequest,
                "the target URL for \(host) must not carry a query or fragment: put them in the step's path"
            )
        }
        self.scheme = scheme
        self.host = host
        self.explicitPort = components.port
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        self.basePath = path
        self.user = components.user
        self.password = components.password
        if user == nil, password != nil { user = "" }
    }

    /// The port a connection goes to.
    var port: Int { explicitPort ?? (scheme == "https" ? 443 : 80) }

    /// `host:port` for messages: the most an error may say about where it tried to go.
    var hostPort: String { "\(Self.bracketed(host)):\(port)" }

    /// `scheme://host[:port]`, never with userinfo.
    var origin: String {
        "\(scheme)://\(Self.bracketed(host))" + (explicitPort.map { ":\($0)" } ?? "")
    }

    var description: String { origin + basePath }

    var debugDescription: String {
        var parts = [description]
        if let user { parts.append("user: \(user)") }
        if password != nil { parts.append("password: <redacted>") }
        return "HTTPEndpoint(" + parts.joined(separator: ", ") + ")"
    }

    /// The URL a step's `path` names: the base path joined with one slash, an optional query
    /// kept, characters a URL cannot hold percent-encoded. An absolute URL is accepted only
    /// when it points at this same origin, so a templated path cannot send the target's
    /// credentials elsewhere.
    func url(for path: String) throws -> String {
        var reference = path
        if let hash = reference.firstIndex(of: "#") { reference = String(reference[..<hash]) }
        if let absolute = try absoluteReference(reference) { return absolute }

        let pathPart: Substring
        let query: Substring?
        if let mark = reference.firstIndex(of: "?") {
            pathPart = reference[..<mark]
            query = reference[reference.index(after: mark)...]
        } else {
            pathPart = reference[...]
            query = nil
        }
        let relative = pathPart.hasPrefix("/") ? pathPart.dropFirst() : pathPart
        var joined = basePath
        if !relative.isEmpty || basePath.isEmpty || pathPart.hasPrefix("/") {
            joined += "/" + relative
        }
        return origin + Self.encode(joined) + (query.map { "?" + Self.encode($0) } ?? "")
    }

    /// The same-origin URL for an absolute reference, nil for a relative one.
    private func absoluteReference(_ reference: String) throws -> String? {
        let isNetworkPath = reference.hasPrefix("//")
        guard isNetworkPath || Self.hasSchemeAndAuthority(reference) else { return nil }
        let resolved = isNetworkPath ? scheme + ":" + reference : reference
        guard let components = URLComponents(string: resolved) ?? URLComponents(string: Self.encode(resolved)),
              let otherHost = components.host.map(Self.trimBrackets)
        else {
            throw BackendError(.invalidRequest, "the path is an absolute URL; paths are relative to the target \(hostPort)")
        }
        let otherScheme = components.scheme?.lowercased() ?? scheme
        let otherPort = components.port ?? (otherScheme == "https" ? 443 : otherScheme == "http" ? 80 : -1)
        guard otherScheme == scheme, otherHost.lowercased() == host.lowercased(), otherPort == port,
              components.user == nil, components.password == nil
        else {
            let other = "\(Self.bracketed(otherHost)):\(otherPort < 0 ? "?" : String(otherPort))"
            throw BackendError(
                .invalidRequest,
                "the path is an absolute URL to another host (\(other)); paths are relative to the target \(hostPort)"
            )
        }
        let otherPath = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        return origin + otherPath + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
    }

    private static func hasSchemeAndAuthority(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), colon > text.startIndex else { return false }
        let scheme = text[..<colon]
        guard let first = scheme.unicodeScalars.first, first.isASCII, CharacterSet.letters.contains(first),
              scheme.unicodeScalars.allSatisfy({ $0.isASCII && (schemeCharacters.contains($0)) })
        else { return false }
        return text[text.index(after: colon)...].hasPrefix("//")
    }

    private static let schemeCharacters = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "+-."))

    /// Percent-encodes every byte outside RFC 3986's unreserved and sub-delimiter set
    /// (plus `:@/?%`), so an existing `%XX` stays as written and a space becomes `%20`.
    static func encode<S: StringProtocol>(_ text: S) -> String {
        var out = ""
        for byte in text.utf8 {
            if allowedBytes.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    private static let allowedBytes: Set<UInt8> = {
        let text = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/?%"
        return Set(text.utf8)
    }()

    private static func trimBrackets(_ host: String) -> String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }

    private static func bracketed(_ host: String) -> String {
        host.contains(":") ? "[\(host)]" : host
    }
}
