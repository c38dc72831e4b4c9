import Crypto
import Foundation

/// An Ed25519 public key as the policy writes it: `ed25519:BASE64`.
public struct PublicSigningKey: Sendable, Equatable, CustomStringConvertible {
    public static let prefix = "ed25519:"
    /// Raw bytes: Crypto's key type is not Sendable; 32 bytes are cheap to turn back into one.
    let raw: Data

    init(_ key: Curve25519.Signing.PublicKey) { raw = key.rawRepresentation }

    /// Parses `ed25519:BASE64`; nil for any other text.
    public init?(text: String) {
        guard text.hasPrefix(Self.prefix),
              let raw = Data(base64Encoded: String(text.dropFirst(Self.prefix.count))),
              (try? Curve25519.Signing.PublicKey(rawRepresentation: raw)) != nil
        else { return nil }
        self.raw = raw
    }

    /// The policy form, `ed25519:BASE64`.
    public var description: String { Self.prefix + raw.base64EncodedString() }

    /// Whether `signature` is this key's signature of `message`.
    public func verifies(_ signature: Data, for message: Data) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return false }
        return key.isValidSignature(signature, for: message)
    }

}
