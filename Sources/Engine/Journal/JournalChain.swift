import Crypto
import Foundation

/// The journal's tamper evidence: how lines are chained by hash and how signatures are
/// attached, shared by the writer and the verifier.
public enum JournalChain {
    /// `prev` of a journal's first line.
    public static let genesis = String(repeating: "0", count: 64)
    /// Lines the executor signs: who started, resumed and ended the run.
    public static let signedKinds: Set<JournalEvent.Kind> = [.runStarted, .runResumed, .runFinished]

    /// SHA-256 of a line's bytes without its newline, hex.
    public static func hash(_ line: some DataProtocol) -> String {
        hex(SHA256.hash(data: line))
    }

    /// Lower-case hex of a digest's bytes.
    static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in digest {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// The signed line: the unsigned JSON object with `"signature":"…"` as its last member.
    static func attach(signature: String, to unsigned: [UInt8]) -> [UInt8] {
        var line = unsigned.dropLast()
        line.append(contentsOf: ",\"signature\":\"\(signature)\"}".utf8)
        return Array(line)
    }

    /// Splits a signed line into the bytes that were signed and the signature; nil when the
    /// line does not end with a signature member.
    public static func detachSignature(_ line: Data) -> (unsigned: Data, signature: Data)? {
        let marker = Array(",\"signature\":\"".utf8)
        let bytes = [UInt8](line)
        guard bytes.count > marker.count + 2, bytes.last == UInt8(ascii: "}"),
              bytes[bytes.count - 2] == UInt8(ascii: "\"") else { return nil }
        let end = bytes.count - 2
        var start = end
        while start > 0, bytes[start - 1] != UInt8(ascii: "\"") { start -= 1 }
        let markerStart = start - marker.count
        guard markerStart > 0, Array(bytes[markerStart..<start]) == marker,
              let signature = Data(base64Encoded: Data(bytes[start..<end])) else { return nil }
        return (Data(bytes[..<markerStart] + [UInt8(ascii: "}")]), signature)
    }
}
