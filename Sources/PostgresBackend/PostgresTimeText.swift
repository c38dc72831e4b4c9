/// Prints postgres dates and timestamps (days and microseconds from 2000-01-01) as ISO 8601.
enum PostgresTimeText {
    private static let daysFrom1970To2000: Int64 = 10_957
    private static let microsecondsPerDay: Int64 = 86_400_000_000

    static func date(days: Int32) -> String {
        if days == Int32.max { return "infinity" }
        if days == Int32.min { return "-infinity" }
        return civil(daysSince2000: Int64(days))
    }

    /// `2024-05-01T10:00:00.5Z` (`utc`) or `2024-05-01T10:00:00.5`; the fraction only when there is one.
    static func timestamp(microseconds: Int64, utc: Bool) -> String {
        if microseconds == Int64.max { return "infinity" }
        if microseconds == Int64.min { return "-infinity" }
        var days = microseconds / microsecondsPerDay
        var rest = microseconds % microsecondsPerDay
        if rest < 0 {
            rest += microsecondsPerDay
            days -= 1
        }
        var text = civil(daysSince2000: days)
        var era = ""
        if text.hasSuffix(" BC") {
            era = " BC"
            text.removeLast(3)
        }
        return text + "T" + time(microseconds: rest) + (utc ? "Z" : "") + era
    }

    private static func time(microseconds: Int64) -> String {
        let seconds = microseconds / 1_000_000
        let fraction = microseconds % 1_000_000
        var text = two(seconds / 3600) + ":" + two(seconds / 60 % 60) + ":" + two(seconds % 60)
        if fraction != 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: 6 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text
    }

    /// `YYYY-MM-DD` (proleptic Gregorian; years before 1 as postgres writes them, `0044-03-15 BC`).
    private static func civil(daysSince2000: Int64) -> String {
        // Howard Hinnant's days-to-civil algorithm, counted from 1970-01-01.
        let z = daysSince2000 + daysFrom1970To2000 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        let shownYear = year > 0 ? year : 1 - year
        var yearText = String(shownYear)
        if yearText.count < 4 { yearText = String(repeating: "0", count: 4 - yearText.count) + yearText }
        return yearText + "-" + two(month) + "-" + two(day) + (year > 0 ? "" : " BC")
    }

    private static func two(_ value: Int64) -> String {
        value < 10 ? "0\(value)" : String(value)
    }
}
