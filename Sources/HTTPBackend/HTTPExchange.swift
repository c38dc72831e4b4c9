import AsyncHTTPClient
import BackendKit
import Foundation
import NIOCore
import NIOHTTP1

/// What came back for one request: the head, the kept part of the body, and the time from
/// sending the request to receiving the last byte.
struct HTTPExchange: Sendable {
    var status: HTTPResponseStatus
    var headers: HTTPHeaders
    var body: [UInt8]
    /// The whole body's size; more than `body.count` when the body was cut at the limit.
    var receivedBytes: Int
    var latency: Duration

    /// Sends the request and reads the whole response within `limit`. AsyncHTTPClient's
    /// deadline covers connecting and the response head; a timer on the client's event loop
    /// cancels the exchange when a body is still trickling in at the limit, so the step's
    /// timeout holds to the last byte.
    static func perform(
        _ request: HTTPClientRequest, on client: HTTPClient, within limit: Duration, bodyLimit: Int
    ) async throws -> HTTPExchange {
        let limit = min(limit, .seconds(365 * 86_400))
        let clock = ContinuousClock()
        let start = clock.now
        let exchange = Task {
            let response = try await client.execute(request, deadline: .now() + TimeAmount(limit))
            var body: [UInt8] = []
            var received = 0
            for try await chunk in response.body {
                received += chunk.readableBytes
                let room = bodyLimit - body.count
                if room > 0 { body.append(contentsOf: chunk.readableBytesView.prefix(room)) }
            }
            return HTTPExchange(
                status: response.status, headers: response.headers, body: body,
                receivedBytes: received, latency: clock.now - start
            )
        }
        let timer = client.eventLoopGroup.next().scheduleTask(in: TimeAmount(limit)) { exchange.cancel() }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            do {
                return try await exchange.value
            } catch {
                // The timer cancelled it (the caller's cancellation is rethrown as it is).
                if clock.now - start >= limit, !Task.isCancelled { throw HTTPDeadlinePassed() }
                throw error
            }
        } onCancel: {
            exchange.cancel()
        }
    }

    /// The step outputs (`status`, `body`, `json`, `latency_ms`, and `headers` with lower-cased
    /// names), failed unless the status is 2xx.
    var result: BackendResult {
        let text = String(decoding: body, as: UTF8.self)
        let code = Int(status.code)
        var headerMap: [String: Value] = [:]
        for (name, value) in headers {
            let key = name.lowercased()
            if case .string(let earlier)? = headerMap[key] {
                headerMap[key] = .string(earlier + ", " + value)
            } else {
                headerMap[key] = .string(value)
            }
        }
        let (seconds, attoseconds) = latency.components
        let outputs: [String: Value] = [
            "status": .int(code),
            "body": .string(text),
            "json": receivedBytes > body.count ? .null : Value(json: text) ?? .null,
            "latency_ms": .int(Int(seconds * 1000 + attoseconds / 1_000_000_000_000_000)),
            "headers": .object(headerMap),
        ]
        guard !(200..<300).contains(code) else { return BackendResult(outputs: outputs) }
        let reason = status.reasonPhrase.trimmingCharacters(in: .whitespaces)
        return BackendResult(outputs: outputs, failure: reason.isEmpty ? "HTTP \(code)" : "HTTP \(code) \(reason)")
    }
}
