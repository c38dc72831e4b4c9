/// A stable 64-bit FNV-1a hash, for SARIF's `primaryLocationLineHash`: Swift's own `Hasher` is
/// seeded per process, and code scanning needs the same value on every run to track an alert.
struct LineFingerprint: Sendable {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    /// Mixes in `text`'s UTF-8 bytes and a separator byte, so ("ab", "c") ≠ ("a", "bc").
    mutating func combine(_ text: String) {
        for byte in text.utf8 { mix(byte) }
        mix(0)
    }

    /// Sixteen lowercase hex digits.
    var hex: String {
        let digits = String(state, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    private mutating func mix(_ byte: UInt8) {
        state ^= UInt64(byte)
        state = state &* 0x0000_0100_0000_01b3
    }
}
