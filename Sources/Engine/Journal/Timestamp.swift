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
        var text: [UInt8] = []
        text.reserveCapacity(15)
        append(UTC(Int(date.timeIntervalSince1970.rounded(.down))), dateSeparator: nil, middle: UInt8(ascii: "-"),
               timeSeparator: nil, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    private static func format(seconds: Int, milliseconds: Int) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(24)
        append(UTC(seconds), dateSeparator: UInt8(ascii: "-"), middle: UInt8(ascii: "T"),
               timeSeparator: UInt8(ascii: ":"), to: &text)
        text.append(UInt8(ascii: "."))
        append(milliseconds, digits: 3, to: &text)
        text.append(UInt8(ascii: "Z"))
        return String(decoding: text, as: UTF8.self)
    }

    /// A Unix time's calendar fields in UTC (proleptic Gregorian), by Howard Hinnant's
    /// days-to-civil: `gmtime_r` takes glibc's time-zone lock on every call.
    struct UTC: Equatable {
        var year, month, day, hour, minute, second: Int

        init(_ unixSeconds: Int) {
            let (days, second) = Self.floorDivision(unixSeconds, 86_400)
            hour = second / 3600
            minute = second % 3600 / 60
            self.second = second % 60
            let (era, dayOfEra) = Self.floorDivision(days + 719_468, 146_097)
            let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
            let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
            let shiftedMonth = (5 * dayOfYear + 2) / 153
            day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
            month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
            year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        }

        private static func floorDivision(_ value: Int, _ divisor: Int) -> (quotient: Int, remainder: Int) {
            let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
            return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
        }
    }

    /// The six fields zero-padded: `dateSeparator` between year, month and day, `middle`
    /// before the time, `timeSeparator` between hour, minute and second (nil: nothing).
    private static func append(
        _ parts: UTC, dateSeparator: UInt8?, middle: UInt8, timeSeparator: UInt8?, to text: inout [UInt8]
    ) {
        append(parts.year, digits: 4, to: &text)
        if let dateSeparator { text.append(dateSeparator) }
        append(parts.month, digits: 2, to: &text)
        if let dateSeparator { text.append(dateSeparator) }
        append(parts.day, digits: 2, to: &text)
        text.append(middle)
        append(parts.hour, digits: 2, to: &text)
        if let timeSeparator { text.append(timeSeparator) }
        append(parts.minute, digits: 2, to: &text)
        if let timeSeparator { text.append(timeSeparator) }
        append(parts.second, digits: 2, to: &text)
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
