import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// UTC timestamps with milliseconds, as the journal writes them: `2026-11-24T20:11:22.123Z`.
public enum Timestamp {
    /// For parsing only: formatting is done by hand, as it runs twice per step.
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    public static func now() -> String {
        var clock = timespec()
        clock_gettime(CLOCK_REALTIME, &clock)
        return format(seconds: Int(clock.tv_sec), milliseconds: Int(clock.tv_nsec) / 1_000_000)
    }

    public static func format(_ date: Date) -> String {
        let milliseconds = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
        let (seconds, rest) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        return rest < 0 ? format(seconds: seconds - 1, milliseconds: rest + 1000) : format(seconds: seconds, milliseconds: rest)
    }

    public static func parse(_ text: String) -> Date? { try? style.parse(text) }

    /// `20261124-201122`, UTC to the second, as run ids begin.
    public static func compact(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        guard let parts = utc(seconds) else { return "00000000-000000" }
        var text: [UInt8] = []
        text.reserveCapacity(15)
        append(Int(parts.tm_year) + 1900, digits: 4, to: &text)
        append(Int(parts.tm_mon) + 1, digits: 2, to: &text)
        append(Int(parts.tm_mday), digits: 2, to: &text)
        text.append(UInt8(ascii: "-"))
        append(Int(parts.tm_hour), digits: 2, to: &text)
        append(Int(parts.tm_min), digits: 2, to: &text)
        append(Int(parts.tm_sec), digits: 2, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    private static func format(seconds: Int, milliseconds: Int) -> String {
        guard let parts = utc(seconds) else { return style.format(Date(timeIntervalSince1970: TimeInterval(seconds))) }
        var text: [UInt8] = []
        text.reserveCapacity(24)
        append(Int(parts.tm_year) + 1900, digits: 4, to: &text)
        text.append(UInt8(ascii: "-"))
        append(Int(parts.tm_mon) + 1, digits: 2, to: &text)
        text.append(UInt8(ascii: "-"))
        append(Int(parts.tm_mday), digits: 2, to: &text)
        text.append(UInt8(ascii: "T"))
        append(Int(parts.tm_hour), digits: 2, to: &text)
        text.append(UInt8(ascii: ":"))
        append(Int(parts.tm_min), digits: 2, to: &text)
        text.append(UInt8(ascii: ":"))
        append(Int(parts.tm_sec), digits: 2, to: &text)
        text.append(UInt8(ascii: "."))
        append(milliseconds, digits: 3, to: &text)
        text.append(UInt8(ascii: "Z"))
        return String(decoding: text, as: UTF8.self)
    }

    private static func utc(_ seconds: Int) -> tm? {
        var time = time_t(seconds)
        var parts = tm()
        return gmtime_r(&time, &parts) != nil ? parts : nil
    }

    /// `number` in decimal, zero-padded to `digits` (a year past 9999 keeps all its digits).
    private static func append(_ number: Int, digits: Int, to text: inout [UInt8]) {
        let start = text.count
        var value = max(0, number)
        repeat {
            text.append(UInt8(ascii: "0") + UInt8(value % 10))
            value /= 10
        } while value > 0
        while text.count - start < digits { text.append(UInt8(ascii: "0")) }
        text[start...].reverse()
    }
}
