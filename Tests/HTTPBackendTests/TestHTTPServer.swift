import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A real HTTP/1.1 server on 127.0.0.1 and a random port, started by each test and stopped at
/// its end, serving the routes in `TestHTTPHandler` and counting the connections it accepts.
final class TestHTTPServer: Sendable {
    let port: Int
    private let channel: any Channel
    private let connections: Connections

    /// Accepted connections: how many so far, and the ones still open (closed by `stop`).
    final class Connections: Sendable {
        private let state = NIOLockedValueBox((accepted: 0, open: [ObjectIdentifier: any Channel]()))

        var accepted: Int { state.withLockedValue { $0.accepted } }
        var open: Int { state.withLockedValue { $0.open.count } }

        func opened(_ channel: any Channel) {
            state.withLockedValue {
                $0.accepted += 1
                $0.open[ObjectIdentifier(channel)] = channel
            }
            channel.closeFuture.whenComplete { _ in
                self.state.withLockedValue { _ = $0.open.removeValue(forKey: ObjectIdentifier(channel)) }
            }
        }

        func all() -> [any Channel] { state.withLockedValue { Array($0.open.values) } }
    }

    private init(port: Int, channel: any Channel, connections: Connections) {
        self.port = port
        self.channel = channel
        self.connections = connections
    }

    static func start() async throws -> TestHTTPServer {
        let connections = Connections()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                connections.opened(channel)
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(TestHTTPHandler(connections: connections))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        guard let port = channel.localAddress?.port else {
            try await channel.close()
            throw ServerError(description: "the test server has no local port")
        }
        return TestHTTPServer(port: port, channel: channel, connections: connections)
    }

    /// `http://127.0.0.1:PORT`, plus whatever comes after (`/api`, userinfo goes in `userinfo`).
    func url(_ suffix: String = "", userinfo: String? = nil) -> String {
        "http://" + (userinfo.map { $0 + "@" } ?? "") + "127.0.0.1:\(port)" + suffix
    }

    /// Connections accepted since the server started.
    var acceptedConnections: Int { connections.accepted }
    /// Connections still open now.
    var openConnections: Int { connections.open }

    /// Stops listening and closes every connection still open.
    func stop() async throws {
        try await channel.close()
        for child in connections.all() {
            try? await child.close()
        }
    }

    struct ServerError: Error, CustomStringConvertible {
        var description: String
    }
}
