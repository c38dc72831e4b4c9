import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One answer of the ERP: the status and the JSON body, read by dotted paths (`checks.redis.status`).
struct HTTPReply {
    var status: Int
    var text: String
    private var body: Any?

    /// Sends `method path` to `base` with an optional JSON body and extra headers.
    static func send(
        _ method: String, _ url: URL, json: String? = nil, headers: [String: String] = [:]
    ) async throws -> HTTPReply {
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.timeoutInterval = 30
        if let json {
            request.httpBody = Data(json.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        return HTTPReply(status: status, text: String(decoding: data, as: UTF8.self),
                         body: try? JSONSerialization.jsonObject(with: data))
    }

    /// The value at a dotted path of the JSON body; nil when any part is missing.
    subscript(path: String) -> Any? {
        var value = body
        for key in path.split(separator: ".") {
            value = (value as? [String: Any])?[String(key)]
        }
        return value
    }

    func string(_ path: String) -> String? { self[path] as? String }
    func int(_ path: String) -> Int? {
        let value = self[path]
        return value as? Int ?? (value as? NSNumber)?.intValue
    }

    func bool(_ path: String) -> Bool? {
        let value = self[path]
        return value as? Bool ?? (value as? NSNumber)?.boolValue
    }
    func strings(_ path: String) -> [String]? { self[path] as? [String] }

    /// The `name` of every alert in the body's `alerts` list.
    var alertNames: [String] {
        ((self["alerts"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
    }
}
