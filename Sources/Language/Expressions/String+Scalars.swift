extension String {
    /// The text of `scalars`, written in one allocation: appending scalar by scalar grows and
    /// re-checks the string at every step, which showed in lint profiles.
    init(scalars: ArraySlice<Unicode.Scalar>) {
        var byteCount = 0
        for scalar in scalars { byteCount += UTF8.width(scalar) }
        self.init(unsafeUninitializedCapacity: byteCount) { buffer in
            var offset = 0
            for scalar in scalars {
                for unit in scalar.utf8 {
                    buffer[offset] = unit
                    offset += 1
                }
            }
            return offset
        }
    }

    /// The string's Unicode scalars, decoded in one pass (`Array(unicodeScalars)` counts them first).
    var scalarArray: [Unicode.Scalar] {
        // Most text is ASCII, where each byte is a scalar.
        let ascii = utf8.withContiguousStorageIfAvailable { bytes -> [Unicode.Scalar]? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { scalars, count in
                for index in bytes.indices { scalars[index] = Unicode.Scalar(bytes[index]) }
                count = bytes.count
            }
        }
        if let ascii = ascii ?? nil { return ascii }
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(utf8.count)
        for scalar in unicodeScalars { scalars.append(scalar) }
        return scalars
    }
}
