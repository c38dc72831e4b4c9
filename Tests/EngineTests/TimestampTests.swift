import Foundation
import Testing
@testable import Engine

/// The journal's hand-made timestamps against Foundation's ISO 8601 style, which they replaced.
@Suite struct TimestampTests {
    @Test(arguments: [0.0, 1_795_000_000.123, 1_795_000_000.999, 951_782_400.5, 4_102_444_799.001, 86_399.01])
    func readLikeISO8601WithMilliseconds(_ seconds: Double) throws {
        let date = Date(timeIntervalSince1970: seconds)
        let text = Timestamp.format(date)
        let foundation = Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
        // Milliseconds may differ by one: Foundation's go through a lossier Double path.
        #expect(text.count == foundation.count && text.prefix(20) == foundation.prefix(20) && text.hasSuffix("Z"))
        let parsed = try #require(Timestamp.parse(text))
        #expect(abs(parsed.timeIntervalSince1970 - seconds) < 0.0011)
    }

    @Test func nowIsNow() throws {
        let before = Date()
        let parsed = try #require(Timestamp.parse(Timestamp.now()))
        #expect(parsed.timeIntervalSince(before) > -0.002)
        #expect(parsed.timeIntervalSince(before) < 5)
    }
}
