import Crypto
import Foundation

/// A person's Ed25519 private key, loaded for one command and never printed.
///
/// `@unchecked Sendable`: Crypto's key is an immutable value that it does not mark Sendable.
public struct SigningKey: @unchecked Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    let key: Curve25519.Signing.PrivateKey

    /// A fresh random key.
    public init() { key = Curve25519.Signing.PrivateKey() }

    init(raw: Data) throws { key = try Curve25519.Signing.PrivateKey(rawRepresentation: raw) }

    public var publicKey: PublicSigningKey { PublicSigningKey(key.publicKey) }

    /// The signature of `message`.
    public func sign(_ message: Data) throws -> Data { try key.signature(for: message) }

    var raw: Data { key.rawRepresentation }

    /// Never the key itself: only whose public half it is.
    public var description: String { "SigningKey(\(publicKey))" }
    public var debugDescription: String { description }
}
