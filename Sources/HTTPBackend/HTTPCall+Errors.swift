import AsyncHTTPClient
import BackendKit
import Foundation
import NIOCore
import NIOPosix

/// The step's own deadline passed (while connecting, waiting for the head, or reading the body).
struct HTTPDeadlinePassed: Error {}

extension HTTPCall {
    /// Says why the call could not be made or finished in terms of `host:port` and the label,
    /// never the URL, a header value or the password.
    func backendError(for error: any Error, endpoint: HTTPEndpoint, timeout: Duration) -> BackendError {
        let timedOut = BackendError(.timeout, "\(label) timed out after \(Self.format(timeout))")
        let cancelled = BackendError(.cancelled, "\(label) was cancelled")
        let target = endpoint.hostPort

        switch error {
        case let error as BackendError:
            return error
        case is HTTPDeadlinePassed:
            return timedOut
        case is CancellationError:
            return cancelled
        case let error as HTTPClientError:
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout, .getConnectionFromPoolTimeout:
                return timedOut
            case .cancelled:
                return Task.isCancelled ? cancelled : timedOut
            case .connectTimeout:
                return BackendError(.connection, "cannot connect to \(target): connect timed out")
            case .remoteConnectionClosed:
                return BackendError(.connection, "\(target) closed the connection before \(label) completed")
            case .alreadyShutdown:
                return BackendError(.failed, "\(label): the session to \(target) is already closed")
            default:
                return BackendError(.failed, "\(label) failed: \(error.shortDescription)")
            }
        case let error as NIOConnectionError:
            if let reason = error.connectionErrors.lazy.compactMap({ Self.connectReason($0.error) }).first {
                return BackendError(.connection, "cannot connect to \(target): \(reason)")
            }
            if error.dnsAError != nil || error.dnsAAAAError != nil {
                return BackendError(.connection, "cannot connect to \(target): cannot resolve the host")
            }
            return BackendError(.connection, "cannot connect to \(target)")
        default:
            if let reason = Self.connectReason(error) {
                return BackendError(.connection, "cannot connect to \(target): \(reason)")
            }
            let text = scrub(String(describing: error))
            if String(reflecting: type(of: error)).contains("SSL") {
                return BackendError(.connection, "cannot connect to \(target): TLS: \(text)")
            }
            return BackendError(.failed, "\(label) failed: \(text)")
        }
    }

    /// `2s`, `300ms`, `5m`: the unit the playbook most likely wrote.
    static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        if milliseconds % 3_600_000 == 0, milliseconds > 0 { return "\(milliseconds / 3_600_000)h" }
        if milliseconds % 60_000 == 0, milliseconds > 0 { return "\(milliseconds / 60_000)m" }
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000)s" }
        return "\(milliseconds)ms"
    }

    private static func connectReason(_ error: any Error) -> String? {
        switch error {
        case let error as IOError:
            switch error.errnoCode {
            case ECONNREFUSED: return "connection refused"
            case ECONNRESET: return "connection reset by peer"
            case EHOSTUNREACH: return "host unreachable"
            case ENETUNREACH: return "network unreachable"
            case ETIMEDOUT: return "connect timed out"
            default: return String(cString: strerror(error.errnoCode)).lowercased()
            }
        case let error as ChannelError:
            if case .connectTimeout = error { return "connect timed out" }
            return nil
        default:
            return nil
        }
    }
}
