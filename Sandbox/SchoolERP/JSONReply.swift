import Foundation
import Hummingbird

/// Builds the ERP's JSON responses: keys sorted, dates in ISO 8601, `application/json`.
///
/// Sorted keys keep the bodies stable, so a playbook or a test can compare them as text.
enum JSONReply {
    static func make(_ body: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = (try? encoder.encode(body)) ?? Data(#"{"error":"the response could not be encoded"}"#.utf8)
        return Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    /// `{"error": message, …details}` with `status`.
    static func error(_ status: HTTPResponse.Status, _ message: String, _ details: [String: String] = [:]) -> Response {
        make(details.merging(["error": message]) { $1 }, status: status)
    }
}
