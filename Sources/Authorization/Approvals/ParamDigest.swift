import Crypto
import Foundation

/// Binds an approval to parameter values without putting secret values in the token:
/// HMAC-SHA256, keyed by the token's nonce, over `name=value` lines sorted by name.
public enum ParamDigest {
    /// `values` are the bound parameter values in their canonical text (defaults applied).
    public static func digest(_ values: [String: String], nonce: String) -> String {
        let canonical = values.keys.sorted().map { name in
            "\(name.utf8.count):\(name)=\(values[name, default: ""].utf8.count):\(values[name, default: ""])\n"
        }.joined()
        let mac = HMAC<SHA256>.authenticationCode(for: Data(canonical.utf8), using: SymmetricKey(data: Data(nonce.utf8)))
        return Data(mac).map { String(format: "%02x", $0) }.joined()
    }

    /// 128 random bits, hex.
    public static func newNonce() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
