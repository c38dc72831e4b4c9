/// Test input with emoji markers (1️⃣, 2️⃣, …) standing where findings are expected,
/// so tests name positions instead of hand-counting lines and columns.
public struct MarkedText: Sendable {
    /// The text with every marker removed.
    public let text: String
    /// Marker number to the 1-based line and column (in Unicode scalars) it stood at.
    public let markers: [Int: (line: Int, column: Int)]

    public init(_ marked: String) {
        var clean = String.UnicodeScalarView()
        var found: [Int: (line: Int, column: Int)] = [:]
        var line = 1
        var column = 1
        let scalars = Array(marked.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if let digit = Self.markerDigit(scalars, at: index) {
                found[digit.number] = (line, column)
                index += digit.length
                continue
            }
            clean.append(scalar)
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
        self.text = String(clean)
        self.markers = found
    }

    /// Recognises a keycap digit (`1` U+FE0F U+20E3) or 🔟 at `index`.
    private static func markerDigit(_ scalars: [Unicode.Scalar], at index: Int) -> (number: Int, length: Int)? {
        if scalars[index].value == 0x1F51F { return (10, 1) }
        guard index + 2 < scalars.count,
              let value = Int(String(scalars[index])),
              scalars[index + 1].value == 0xFE0F,
              scalars[index + 2].value == 0x20E3
        else { return nil }
        return (value, 3)
    }

    /// The `(line, column)` of marker `number`; a test that names a missing marker fails loudly.
    public subscript(number: Int) -> (line: Int, column: Int) {
        guard let position = markers[number] else {
            preconditionFailure("marker \(number) is not in the test input")
        }
        return position
    }
}
