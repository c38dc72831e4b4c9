/// A span of time written `500ms`, `30s`, `5m`, `1h` or combined (`1h30m`).
public struct Duration: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var milliseconds: Int64

    public init(milliseconds: Int64) {
        self.milliseconds = milliseconds
    }

    public static func seconds(_ seconds: Int64) -> Duration { Duration(milliseconds: seconds * 1000) }

    public var seconds: Double { Double(milliseconds) / 1000 }

    public static func < (lhs: Duration, rhs: Duration) -> Bool { lhs.milliseconds < rhs.milliseconds }

    private static let units: [(suffix: String, milliseconds: Int64)] = [
        ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000),
    ]

    /// Parses `1h30m`-style text; nil when it is not a duration.
    public init?(parsing text: String) {
        let scalars = Array(text.trimmingSpaces().unicodeScalars)
        guard !scalars.isEmpty else { return nil }
        var index = 0
        var total: Int64 = 0
        while index < scalars.count {
            var digits = ""
            while index < scalars.count, ("0"..."9").contains(scalars[index]) {
                digits.unicodeScalars.append(scalars[index])
                index += 1
            }
            var unit = ""
            while index < scalars.count, ("a"..."z").contains(scalars[index]) {
                unit.unicodeScalars.append(scalars[index])
                index += 1
            }
            guard let amount = Int64(digits), digits.count <= 9,
                  let factor = Self.units.first(where: { $0.suffix == unit })?.milliseconds
            else { return nil }
            let (product, overflow) = amount.multipliedReportingOverflow(by: factor)
            // Each part fits, but enough `999999999d` parts overflow the sum (a fuzz regression fixture).
            let (sum, sumOverflow) = total.addingReportingOverflow(product)
            guard !overflow, !sumOverflow else { return nil }
            total = sum
        }
        self.milliseconds = total
    }

    /// The shortest spelling: `90s` prints as `1m30s`.
    public var description: String {
        if milliseconds == 0 { return "0s" }
        var rest = milliseconds
        var out = ""
        for (suffix, factor) in Self.units.reversed() where rest >= factor {
            out += "\(rest / factor)\(suffix)"
            rest %= factor
        }
        return out
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
