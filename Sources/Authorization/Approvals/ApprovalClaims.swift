import Foundation

/// What an approver signs: this playbook's exact bytes, these parameter values, this role,
/// until this time, once.
public struct ApprovalClaims: Codable, Sendable, Equatable {
    public var version = 1
    /// The playbook's id, for people reading the token; the SHA-256 is what binds it.
    public var playbookID: String
    public var playbookSHA256: String
    /// HMAC-SHA256 over the canonical parameter values, keyed by the nonce (see `ParamDigest`).
    public var paramsDigest: String
    /// The non-secret parameter values as approved (secrets as `***`), for messages.
    public var params: [String: String]
    public var approver: String
    public var role: String
    /// Unix seconds.
    public var issuedAt: Int
    public var expiresAt: Int
    /// 128 random bits, hex: a token is accepted once per state dir.
    public var nonce: String
    public var reason: String?

    public init(playbookID: String, playbookSHA256: String, paramsDigest: String, params: [String: String],
                approver: String, role: String, issuedAt: Int, expiresAt: Int, nonce: String, reason: String?) {
        self.playbookID = playbookID
        self.playbookSHA256 = playbookSHA256
        self.paramsDigest = paramsDigest
        self.params = params
        self.approver = approver
        self.role = role
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.nonce = nonce
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case version = "v"
        case playbookID = "playbook_id"
        case playbookSHA256 = "playbook_sha256"
        case paramsDigest = "params_digest"
        case params, approver, role, nonce, reason
        case issuedAt = "iat"
        case expiresAt = "exp"
    }
}
