import Foundation

/// A signed approval: `rba1.<claims>.<signature>`, both parts base64url. The signature is
/// Ed25519 over `runbook-approval-v1.` followed by the claims part, exactly as written.
public struct ApprovalToken: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    static let prefix = "rba1"
    static let domain = "runbook-approval-v1."

    public let claims: ApprovalClaims
    let claimsPart: String
    let signature: Data

    /// Signs `claims` with the approver's key.
    public init(signing claims: ApprovalClaims, with key: SigningKey) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        self.claims = claims
        claimsPart = Base64URL.encode(try encoder.encode(claims))
        signature = try key.sign(Data((Self.domain + claimsPart).utf8))
    }

    /// Reads a token's parts; the signature is checked later, against the policy's key.
    public init(parsing text: String) throws {
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == Self.prefix,
              let claimsData = Base64URL.decode(parts[1]), let signature = Base64URL.decode(parts[2])
        else { throw KeyError("not a runbook approval token (expected rba1.<claims>.<signature>, as `runbook approve` prints)") }
        guard let claims = try? JSONDecoder().decode(ApprovalClaims.self, from: claimsData), claims.version == 1 else {
            throw KeyError("an approval token whose claims cannot be read (made by another version of runbook?)")
        }
        self.claims = claims
        claimsPart = String(parts[1])
        self.signature = signature
    }

    /// Whether `key` signed exactly these claims.
    public func isSigned(by key: PublicSigningKey) -> Bool {
        key.verifies(signature, for: Data((Self.domain + claimsPart).utf8))
    }

    /// The token to hand to the executor.
    public var text: String { "\(Self.prefix).\(claimsPart).\(Base64URL.encode(signature))" }

    /// Who approved what, never the token itself (it is a bearer credential until used).
    public var description: String {
        "approval by \(claims.approver) as \(claims.role) for \(claims.playbookID) (nonce \(claims.nonce.prefix(8))…)"
    }
    public var debugDescription: String { description }
}
