import NIOCore
import NIOPosix
import PostgresNIO
#if canImport(Glibc)
import Glibc
#endif

/// Words for what went wrong, from postgres-nio's errors, without credentials or URLs.
enum PostgresErrorText {
    /// `ERROR 42P01: relation "x" does not exist; DETAIL: …; HINT: …` for an error the server sent.
    static func server(_ error: PSQLError) -> String? {
        guard error.code == .server, let info = error.serverInfo else { return nil }
        let severity = info[.severity] ?? info[.localizedSeverity] ?? "ERROR"
        var text = severity
        if let state = info[.sqlState] { text += " \(state)" }
        text += ": " + (info[.message] ?? "unknown server error")
        if let detail = info[.detail], !detail.isEmpty { text += "; DETAIL: \(detail)" }
        if let hint = info[.hint], !hint.isEmpty { text += "; HINT: \(hint)" }
        return text
    }

    static func sqlState(_ error: PSQLError) -> String? {
        error.code == .server ? error.serverInfo?[.sqlState] : nil
    }

    /// Why a connection could not be made or was lost, in a few words.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return String(describing: error) }
        if let server = server(error) { return server }
        switch error.code {
        case .sslUnsupported:
            return "the server does not support TLS (sslmode requires it)"
        case .authMechanismRequiresPassword:
            return "the server asks for a password and the URL has none"
        case .unsupportedAuthMechanism:
            return "the server asks for an authentication method postgres-nio does not support"
        case .serverClosedConnection:
            return "the server closed the connection" + underlying(error)
        case .clientClosedConnection:
            return "the connection was closed"
        case .connectionError:
            return error.underlying.map(network) ?? "the connection failed"
        default:
            return "\(error.code)" + underlying(error)
        }
    }

    /// `connection refused`, `cannot resolve db.example: Name or service not known`: SwiftNIO's
    /// connection errors without their wrapper types, which mean nothing to an operator.
    static func network(_ error: any Error) -> String {
        switch error {
        case let failure as NIOConnectionError:
            if let first = failure.connectionErrors.first { return network(first.error) }
            if let dns = failure.dnsAError ?? failure.dnsAAAAError { return network(dns) }
            return "no address found for \(failure.host)"
        case let unknown as SocketAddressError.UnknownHost:
            return "cannot resolve \(unknown.host): \(unknown.errorDescription)"
        case let io as IOError:
            return String(cString: strerror(io.errnoCode)).lowercased()
        case is ChannelError:
            return "\(error)"
        default:
            return String(describing: error)
        }
    }

    private static func underlying(_ error: PSQLError) -> String {
        error.underlying.map { ": \($0)" } ?? ""
    }
}
