import BackendKit
import Testing
@testable import ShellBackend

@Suite("Shell backend: output capture")
struct StreamCaptureTests {
    private func capture(_ chunks: [[UInt8]], limit: Int, maxLineLength: Int = 1 << 16) -> (text: String, lines: [String]) {
        let recorder = LineRecorder()
        var capture = StreamCapture(stream: .stdout, sink: recorder.sink, limit: limit, maxLineLength: maxLineLength)
        for chunk in chunks { chunk.withUnsafeBytes { capture.append($0) } }
        let text = capture.finish()
        return (text, recorder.lines(.stdout))
    }

    @Test(arguments: [
        [Array("ab".utf8), Array("c\nd".utf8), Array("e\n\nf".utf8)],
        [Array("abc\nde\n\nf".utf8)],
        "abc\nde\n\nf".utf8.map { [$0] },
    ])
    func linesSurviveAnyChunking(_ chunks: [[UInt8]]) {
        let (text, lines) = capture(chunks, limit: 100)
        #expect(lines == ["abc", "de", "", "f"])
        #expect(text == "abc\nde\n\nf")
    }

    @Test(arguments: [1, 3, 7, 64])
    func keepsTheLastBytesAndSaysHowManyWereDropped(_ chunkSize: Int) {
        let bytes = Array((0..<50).map { "line \($0)\n" }.joined().utf8)
        let chunks = stride(from: 0, to: bytes.count, by: chunkSize).map { Array(bytes[$0..<min($0 + chunkSize, bytes.count)]) }
        let (text, lines) = capture(chunks, limit: 20)
        #expect(lines.count == 50)
        let kept = String(decoding: bytes.suffix(20), as: UTF8.self)
        #expect(text == "[runbook: stdout truncated, first \(bytes.count - 20) bytes dropped]\n" + kept)
    }

    @Test func truncationDoesNotStartInsideACharacter() {
        let bytes = Array("ééééé".utf8)
        let (text, _) = capture([bytes], limit: 5)
        #expect(text == "[runbook: stdout truncated, first 6 bytes dropped]\néé")
    }

    @Test func anOverlongLineIsSentInPieces() {
        let (text, lines) = capture([Array(String(repeating: "x", count: 25).utf8)], limit: 100, maxLineLength: 10)
        #expect(lines == [String(repeating: "x", count: 25)])
        let (_, pieces) = capture(Array(repeating: Array("xxxx".utf8), count: 6), limit: 100, maxLineLength: 10)
        #expect(pieces == ["xxxxxxxxxxxx", "xxxxxxxxxxxx"])
        #expect(text.count == 25)
    }
}
