import Foundation

extension Duration {
    /// Whole milliseconds, at least 1 (a zero socket timeout would mean "wait forever") and at most ten years.
    var clampedMilliseconds: Int {
        let (seconds, attoseconds) = components
        guard seconds < 315_360_000 else { return 315_360_000_000 }
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }

    var socketTimeout: timeval {
        let milliseconds = clampedMilliseconds
        return timeval(tv_sec: .init(milliseconds / 1000), tv_usec: .init((milliseconds % 1000) * 1000))
    }

    /// `300ms`, `5s`, `1.5s`: for messages.
    var shortText: String {
        let milliseconds = clampedMilliseconds
        if milliseconds < 1000 { return "\(milliseconds)ms" }
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000)s" }
        return String(format: "%.1fs", Double(milliseconds) / 1000)
    }
}
