import Foundation
import Hummingbird
import NIOCore

/// The request context of every route: Hummingbird's core context plus the client's address,
/// which the login route logs so a brute force from one address shows in the log.
struct ERPRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The client's IP: the first `X-Forwarded-For` entry when a proxy (or a test) sends one,
    /// else the peer address.
    func clientIP(of request: Request) -> String {
        let forwarded = request.headers.first { $0.name.canonicalName == "x-forwarded-for" }
        if let first = forwarded?.value.split(separator: ",").first {
            return first.trimmingCharacters(in: .whitespaces)
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }
}
