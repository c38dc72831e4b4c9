import BackendKit
import Foundation
import NIOCore
import NIOHTTP1

/// The test server's routes (a leading `/api` and a trailing slash are ignored, for base URLs with a prefix):
/// - `/health`: 200 `ok`
/// - `/json`: `{"overallHealth":"GREEN","items":[{"id":1}]}`
/// - `/status/CODE`: that status (a 3xx carries `Location: /health`)
/// - `/slow?ms=N`: answers after N ms; with `&phase=body` sends the head at once and the body after N ms
/// - `/echo`: the method, URI, path, query, headers (lower-cased names) and body as JSON
/// - `/count`: `{"connections": N}`, the connections accepted so far
/// - `/big?bytes=N`: N bytes of `a`
/// - `/binary`: bytes that are not valid UTF-8
final class TestHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let connections: TestHTTPServer.Connections
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()

    init(connections: TestHTTPServer.Connections) {
        self.connections = connections
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body.clear()
        case .body(var chunk):
            body.writeBuffer(&chunk)
        case .end:
            guard let head else { return }
            respond(to: head, context: context)
        }
    }

    private func respond(to head: HTTPRequestHead, context: ChannelHandlerContext) {
        let (path, query) = Self.split(head.uri)
        var route = path.hasPrefix("/api/") ? String(path.dropFirst(4)) : path
        if route.count > 1, route.hasSuffix("/") { route.removeLast() }
        switch route {
        case "/health":
            send(.ok, "ok", to: head, context: context)
        case "/json":
            send(.ok, #"{"overallHealth":"GREEN","items":[{"id":1}]}"#, type: "application/json", to: head, context: context)
        case "/echo":
            send(.ok, echo(head, path: path, query: query).json, type: "application/json", to: head, context: context)
        case "/count":
            send(.ok, #"{"connections":\#(connections.accepted)}"#, type: "application/json", to: head, context: context)
        case "/big":
            let size = Int(query["bytes"] ?? "") ?? 0
            send(.ok, String(repeating: "a", count: size), to: head, context: context)
        case "/binary":
            var bytes = ByteBuffer(string: "caf")
            bytes.writeBytes([0xC3, 0x28, 0xFF])
            send(.ok, bytes, type: "application/octet-stream", to: head, context: context)
        case "/slow":
            slow(milliseconds: Int64(query["ms"] ?? "") ?? 0, bodyOnly: query["phase"] == "body", head: head, context: context)
        default:
            if route.hasPrefix("/status/"), let code = Int(route.dropFirst("/status/".count)) {
                let status = HTTPResponseStatus(statusCode: code)
                let extra: HTTPHeaders = (300..<400).contains(code) ? ["Location": "/health"] : [:]
                send(status, "status \(code)", extra: extra, to: head, context: context)
            } else {
                send(.notFound, "no route \(path)", to: head, context: context)
            }
        }
    }

    private func echo(_ head: HTTPRequestHead, path: String, query: [String: String]) -> Value {
        var headers: [String: Value] = [:]
        for (name, value) in head.headers {
            let key = name.lowercased()
            if case .string(let earlier)? = headers[key] {
                headers[key] = .string(earlier + ", " + value)
            } else {
                headers[key] = .string(value)
            }
        }
        return .object([
            "method": .string(head.method.rawValue),
            "uri": .string(head.uri),
            "path": .string(path),
            "query": .object(query.mapValues(Value.string)),
            "headers": .object(headers),
            "body": .string(String(buffer: body)),
        ])
    }

    private func slow(milliseconds: Int64, bodyOnly: Bool, head: HTTPRequestHead, context: ChannelHandlerContext) {
        let loop = context.eventLoop.assumeIsolated()
        if bodyOnly {
            var headers: HTTPHeaders = ["Content-Length": "4"]
            headers.add(name: "Content-Type", value: "text/plain")
            context.writeAndFlush(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .ok, headers: headers))), promise: nil)
            loop.scheduleTask(in: .milliseconds(milliseconds)) {
                context.write(self.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: "slow")))), promise: nil)
                context.writeAndFlush(self.wrapOutboundOut(.end(nil)), promise: nil)
            }
        } else {
            loop.scheduleTask(in: .milliseconds(milliseconds)) {
                self.send(.ok, "slow", to: head, context: context)
            }
        }
    }

    private func send(
        _ status: HTTPResponseStatus, _ text: String, type: String = "text/plain", extra: HTTPHeaders = [:],
        to head: HTTPRequestHead, context: ChannelHandlerContext
    ) {
        send(status, ByteBuffer(string: text), type: type, extra: extra, to: head, context: context)
    }

    private func send(
        _ status: HTTPResponseStatus, _ body: ByteBuffer, type: String, extra: HTTPHeaders = [:],
        to head: HTTPRequestHead, context: ChannelHandlerContext
    ) {
        var headers = extra
        headers.add(name: "Content-Type", value: type)
        headers.add(name: "Content-Length", value: String(body.readableBytes))
        headers.add(name: "X-Test-Server", value: "runbook")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
        if head.method != .HEAD {
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    private static func split(_ uri: String) -> (path: String, query: [String: String]) {
        guard let mark = uri.firstIndex(of: "?") else { return (uri, [:]) }
        var query: [String: String] = [:]
        for pair in uri[uri.index(after: mark)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
            query[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return (String(uri[..<mark]), query)
    }
}
