import Foundation
import Testing
import TestSupport
@testable import Engine
#if canImport(Glibc)
import Glibc
#endif

/// The journal's hand-made timestamps against Foundation's ISO 8601 style, which they replaced.
@Suite struct TimestampTests {
    @Test(arguments: [0.0, 1_795_000_000.123, 1_795_000_000.999, 951_782_400.5, 4_102_444_799.001, 86_399.01, 1_000_000_000.05])
    func readLikeISO8601WithMilliseconds(_ seconds: Double) throws {
        let date = Date(timeIntervalSince1970: seconds)
        let text = Timestamp.format(date)
        let foundation = Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
        // Milliseconds may differ by one: Foundation's go through a lossier Double path.
        #expect(text.count == foundation.count && text.prefix(20) == foundation.prefix(20) && text.hasSuffix("Z"))
        let parsed = try #require(Timestamp.parse(text))
        #expect(abs(parsed.timeIntervalSince1970 - seconds) < 0.0011)
    }

    /// Run ids begin with this stamp; it replaced a DateFormatter (2-3 ms to set up per run).
    @Test(arguments: [0.0, 1_795_000_000.999, 951_782_400.5, 4_102_444_799.001, 86_399.01])
    func compactReadsLikeTheDateFormatItReplaced(_ seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        #expect(Timestamp.compact(date) == formatter.string(from: date))
    }

    @Test func runIDsStartWithTheCompactStamp() {
        let date = Date(timeIntervalSince1970: 1_795_558_984)
        let id = RunRecord.newID(playbookID: "level2-isolate", now: date)
        #expect(id.hasPrefix("20261124-222304-level2-isolate-"))
        #expect(id.split(separator: "-").last.map { UInt16($0, radix: 16) != nil } == true)
    }

    @Test func fileDigestsAreLowerCaseHex() {
        #expect(RunRecord.sha256(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// The calendar arithmetic that replaced `gmtime_r`, against it: leap days, century
    /// years, before 1970 and past 2100.
    @Test(arguments: [0, -1, 86_399, 86_400, 951_782_399, 951_782_400, 951_868_800, 4_107_542_400, -2_208_988_800, 253_402_300_799])
    func calendarFieldsMatchGmtime(_ seconds: Int) {
        #expect(Timestamp.UTC(seconds) == Self.gmtime(seconds))
    }

    @Test func randomTimesMatchGmtime() {
        var random = SeededGenerator(seed: 20_261_125)
        for _ in 0..<20_000 {
            let seconds = Int.random(in: -62_135_596_800...253_402_300_799, using: &random)
            #expect(Timestamp.UTC(seconds) == Self.gmtime(seconds), "\(seconds)")
        }
    }

    static func gmtime(_ seconds: Int) -> Timestamp.UTC? {
        var time = time_t(seconds)
        var parts = tm()
        guard gmtime_r(&time, &parts) != nil else { return nil }
        var utc = Timestamp.UTC(0)
        utc.year = Int(parts.tm_year) + 1900
        utc.month = Int(parts.tm_mon) + 1
        utc.day = Int(parts.tm_mday)
        utc.hour = Int(parts.tm_hour)
        utc.minute = Int(parts.tm_min)
        utc.second = Int(parts.tm_sec)
        return utc
    }

    @Test func nowIsNow() throws {
        let before = Date()
        let parsed = try #require(Timestamp.parse(Timestamp.now()))
        #expect(parsed.timeIntervalSince(before) > -0.002)
        #expect(parsed.timeIntervalSince(before) < 5)
    }
}
