/// An approval whose signature, role, playbook, params and validity were checked: what the
/// journal records (never the token).
public struct VerifiedApproval: Sendable, Equatable, Codable {
    public var approver: String
    public var role: String
    public var nonce: String
    public var issuedAt: Int
    public var expiresAt: Int
    public var reason: String?

    public init(_ claims: ApprovalClaims) {
        approver = claims.approver
        role = claims.role
        nonce = claims.nonce
        issuedAt = claims.issuedAt
        expiresAt = claims.expiresAt
        reason = claims.reason
    }

    enum CodingKeys: String, CodingKey {
        case approver, role, nonce, reason
        case issuedAt = "issued_at"
        case expiresAt = "expires_at"
    }
}
