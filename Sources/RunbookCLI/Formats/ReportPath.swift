/// Rewrites the paths diagnostics carry (as the user typed them) into the forms CI tools match
/// against the repository: relative to the checkout, `/`-separated, and as URI references.
enum ReportPath {
    /// `path` relative to `root`, without `./`, empty or `.` segments; an absolute path outside
    /// `root` stays absolute. `root` must be absolute.
    static func relative(_ path: String, to root: String) -> String {
        var text = path
        #if os(Windows)
        text = text.replacingOccurrences(of: "\\", with: "/")
        #endif
        let segments = normalized(text)
        guard text.hasPrefix("/") else { return segments.isEmpty ? "." : segments.joined(separator: "/") }
        let rootSegments = normalized(root)
        if segments.count > rootSegments.count, segments.starts(with: rootSegments) {
            return segments.dropFirst(rootSegments.count).joined(separator: "/")
        }
        return "/" + segments.joined(separator: "/")
    }

    /// A URI reference for a path from `relative(_:to:)`: each segment percent-encoded, and
    /// absolute paths as `file:///…` URIs.
    static func uri(_ path: String) -> String {
        let encoded = path.split(separator: "/", omittingEmptySubsequences: false)
            .map { percentEncoded(String($0)) }
            .joined(separator: "/")
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }

    /// The `file://` URI of a folder, ending in `/` as SARIF requires of a base URI.
    static func folderURI(_ folder: String) -> String {
        let segments = normalized(folder)
        return uri("/" + segments.map { $0 + "/" }.joined())
    }

    /// Segments with `.` and empty ones dropped and `name/..` pairs folded; `..` above the start
    /// is kept for relative paths and dropped at the root of absolute ones.
    private static func normalized(_ path: String) -> [String] {
        var segments: [String] = []
        for segment in path.split(separator: "/") where segment != "." {
            if segment == "..", let last = segments.last, last != ".." {
                segments.removeLast()
            } else if segment == "..", path.hasPrefix("/") {
                continue
            } else {
                segments.append(String(segment))
            }
        }
        return segments
    }

    /// RFC 3986 percent-encoding of everything but the unreserved characters, so `:` in a file
    /// name is never read as a URI scheme and spaces or `#` survive the trip.
    private static func percentEncoded(_ segment: String) -> String {
        var out = ""
        for byte in segment.utf8 {
            let scalar = Unicode.Scalar(byte)
            if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || "-._~".unicodeScalars.contains(scalar)
            {
                out.unicodeScalars.append(scalar)
            } else {
                out += "%" + hexDigits(byte)
            }
        }
        return out
    }

    private static func hexDigits(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
