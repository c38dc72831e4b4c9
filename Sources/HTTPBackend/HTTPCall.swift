import AsyncHTTPClient
import BackendKit
import Foundation
import NIOCore
import NIOHTTP1

/// One step's request, rendered and checked before anything is sent, with the
/// `METHOD /path` label that messages use in place of the URL.
struct HTTPCall: Sendable {
    var request: HTTPClientRequest
    /// `GET /api/health`: the method and the path sent, without the query (which may hold a token).
    var label: String
    /// Text no message may contain: the password, the basic-auth token, every header value.
    var secrets: [String]

    init(_ fields: BackendRequest, endpoint: HTTPEndpoint, targetHeaders: [String: String]) throws {
        let method = try Self.method(fields.fields["method"])
        let url = try endpoint.url(for: fields.fields["path"]?.text ?? "")
        var request = HTTPClientRequest(url: url)
        request.method = method
        var secrets: [String] = []

        if let user = endpoint.user {
            let token = Data("\(user):\(endpoint.password ?? "")".utf8).base64EncodedString()
            request.headers.add(name: "Authorization", value: "Basic \(token)")
            secrets.append(token)
            if let password = endpoint.password { secrets.append(password) }
        }
        for headers in [targetHeaders, fields.stringMap("headers")] {
            for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
                try Self.check(header: name, value: value)
                request.headers.replaceOrAdd(name: name, value: value)
                secrets.append(value)
            }
        }

        switch (Self.present(fields.fields["body"]), Self.present(fields.fields["json"])) {
        case (.some, .some):
            throw BackendError(.invalidRequest, "an http request takes `body` or `json`, not both")
        case (let body?, nil):
            request.body = .bytes(ByteBuffer(string: body.text))
        case (nil, let json?):
            request.body = .bytes(ByteBuffer(string: json.json))
            if !request.headers.contains(name: "Content-Type") {
                request.headers.add(name: "Content-Type", value: "application/json")
            }
        case (nil, nil):
            break
        }

        self.request = request
        let sentPath = url.dropFirst(endpoint.origin.count).prefix { $0 != "?" }
        self.label = "\(method.rawValue) \(sentPath.isEmpty ? "/" : sentPath)"
        self.secrets = secrets
    }

    /// Replaces every secret of four characters or more in text that came from elsewhere (a
    /// library's error description); shorter values would blank out ordinary words.
    func scrub(_ text: String) -> String {
        secrets.filter { $0.count >= 4 }.reduce(text) { $0.replacingOccurrences(of: $1, with: "<redacted>") }
    }

    private static func method(_ field: Value?) throws -> HTTPMethod {
        let name = normalized(method: field?.text ?? "")
        if name.isEmpty { return .GET }
        guard name.unicodeScalars.allSatisfy(isTokenCharacter) else {
            throw BackendError(.invalidRequest, "`\(name)` is not an HTTP method")
        }
        return HTTPMethod(rawValue: name)
    }

    private static func check(header name: String, value: String) throws {
        guard !name.isEmpty, name.unicodeScalars.allSatisfy(isTokenCharacter) else {
            throw BackendError(.invalidRequest, "`\(name)` is not a valid HTTP header name")
        }
        guard !value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) else {
            throw BackendError(.invalidRequest, "the value of header \(name) contains a line break or NUL")
        }
    }

    /// The method trimmed of white space and upper-cased; plain ASCII, the usual case, without
    /// Foundation's character sets (a few microseconds a request).
    private static func normalized(method text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return text.trimmingCharacters(in: .whitespaces).uppercased() }
        let isBlank = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(decoding: bytes[first...last].map { (0x61...0x7A).contains($0) ? $0 - 0x20 : $0 }, as: UTF8.self)
    }

    /// RFC 9110's `tchar`: letters, digits and ``!#$%&'*+-.^_`|~``.
    private static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9": true
        default: "!#$%&'*+-.^_`|~".unicodeScalars.contains(scalar)
        }
    }

    private static func present(_ value: Value?) -> Value? {
        guard let value, value != .null else { return nil }
        return value
    }
}
