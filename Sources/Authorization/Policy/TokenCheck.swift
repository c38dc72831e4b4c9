import Checker
import Foundation
import Language

/// Verifies one approval token against the run: signature, approver and role, playbook
/// bytes, parameter values, validity window, and the two-person rule.
struct TokenCheck {
    /// Tokens may be issued this far in the future, for clocks that disagree a little.
    static let clockSkew = 300

    let request: AuthorizationRequest
    let graph: RoleGraph

    func verify(_ text: String, number: Int) -> Result<ApprovalClaims, Refusal> {
        let token: ApprovalToken
        do { token = try ApprovalToken(parsing: text) } catch {
            return .failure(Refusal(.malformedToken, "approval \(number): \(error)"))
        }
        let claims = token.claims
        let label = "approval \(number) (by \(claims.approver) as \(claims.role))"
        guard let approver = request.policy.person(named: claims.approver) else {
            return .failure(Refusal(.unknownApprover, "\(label): '\(claims.approver)' is not in the policy's people"))
        }
        guard let keyText = approver.key?.value, let key = PublicSigningKey(text: keyText) else {
            return .failure(Refusal(.unknownApprover, "\(label): '\(claims.approver)' has no key in the policy"))
        }
        guard token.isSigned(by: key) else {
            return .failure(Refusal(.signature, "\(label): the signature does not verify with \(claims.approver)'s key in the policy (forged or altered token)"))
        }
        if claims.approver == request.executor {
            return .failure(Refusal(.selfApproval, "\(label): the executor cannot approve their own run (two-person rule)"))
        }
        guard approver.roles.contains(where: { graph.role($0.value, holds: claims.role) }) else {
            return .failure(Refusal(.approverRole, "\(label): \(claims.approver) does not hold role '\(claims.role)' (roles: \(approver.roles.map(\.value).joined(separator: ", ")))"))
        }
        guard claims.playbookSHA256 == request.playbookSHA256 else {
            return .failure(Refusal(.playbookChanged, "\(label): it approves other playbook bytes (SHA-256 \(claims.playbookSHA256.prefix(12))…), this file is \(request.playbookSHA256.prefix(12))…: the file changed since it was approved"))
        }
        guard claims.paramsDigest == ParamDigest.digest(request.paramValues, nonce: claims.nonce) else {
            return .failure(Refusal(.paramsChanged, "\(label): it approves other parameter values (\(Self.shown(claims.params))); ask for an approval of the values given"))
        }
        let now = Int(request.now.timeIntervalSince1970)
        if claims.expiresAt <= now {
            return .failure(Refusal(.expired, "\(label): it expired at \(Self.time(claims.expiresAt))"))
        }
        if claims.issuedAt > now + Self.clockSkew {
            return .failure(Refusal(.notYetValid, "\(label): it is issued in the future (\(Self.time(claims.issuedAt))); check the approver's clock"))
        }
        return .success(claims)
    }

    static func shown(_ params: [String: String]) -> String {
        params.isEmpty ? "no params" : params.keys.sorted().map { "\($0)=\(params[$0, default: ""])" }.joined(separator: ", ")
    }

    static func time(_ seconds: Int) -> String {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
