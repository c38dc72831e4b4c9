@testable import PostgresBackend
import Testing

/// Text the backend prints itself: durations in messages, dates and timestamps.
@Suite("Postgres text")
struct PostgresTextTests {
    static let durations: [(Duration, String)] = [
        (.milliseconds(500), "500ms"),
        (.microseconds(1), "1ms"),
        (.seconds(2), "2s"),
        (.milliseconds(1250), "1.25s"),
        (.seconds(600), "600s"),
    ]

    @Test(arguments: durations)
    func durationText(duration: Duration, text: String) {
        #expect(duration.shortText == text)
    }

    static let timestamps: [(Int64, Bool, String)] = [
        (0, true, "2000-01-01T00:00:00Z"),
        (-1, true, "1999-12-31T23:59:59.999999Z"),
        (1_500_000, false, "2000-01-01T00:00:01.5"),
        (Int64.max, true, "infinity"),
        (Int64.min, false, "-infinity"),
        // 0001-01-01 BC is year 0 of the proleptic calendar, 730_485 days before 2000-01-01.
        (-730_485 * 86_400_000_000, true, "0001-01-01T00:00:00Z BC"),
    ]

    @Test(arguments: timestamps)
    func timestampText(microseconds: Int64, utc: Bool, text: String) {
        #expect(PostgresTimeText.timestamp(microseconds: microseconds, utc: utc) == text)
    }
}
