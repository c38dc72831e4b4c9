import BackendKit

/// One output stream of a shell step: forwards each line to the sink as it arrives and
/// keeps the last `limit` bytes for the step's `stdout`/`stderr` output.
struct StreamCapture {
    let stream: OutputStream
    let sink: OutputSink
    /// Most bytes kept for the output; older bytes are dropped and the drop is noted.
    let limit: Int
    /// A line longer than this goes to the sink in pieces, so a newline-free stream still shows.
    let maxLineLength: Int

    private var line: [UInt8] = []
    private var tail: [UInt8] = []
    private(set) var totalBytes = 0

    init(stream: OutputStream, sink: @escaping OutputSink, limit: Int = 1 << 20, maxLineLength: Int = 64 << 10) {
        self.stream = stream
        self.sink = sink
        self.limit = limit
        self.maxLineLength = maxLineLength
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        totalBytes += bytes.count
        keep(bytes)
        var start = bytes.startIndex
        while let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            line.append(contentsOf: bytes[start..<newline])
            emitLine()
            start = newline + 1
        }
        line.append(contentsOf: bytes[start...])
        if line.count >= maxLineLength { emitLine() }
    }

    /// Sends an unterminated last line and returns the captured text (invalid UTF-8 replaced).
    mutating func finish() -> String {
        if !line.isEmpty { emitLine() }
        if tail.count > limit { tail.removeFirst(tail.count - limit) }
        guard totalBytes > tail.count else { return String(decoding: tail, as: UTF8.self) }
        var start = tail.startIndex
        while start < tail.endIndex, start - tail.startIndex < 3, tail[start] & 0xC0 == 0x80 { start += 1 }
        let dropped = totalBytes - (tail.count - (start - tail.startIndex))
        return "[runbook: \(stream.rawValue) truncated, first \(dropped) bytes dropped]\n"
            + String(decoding: tail[start...], as: UTF8.self)
    }

    private mutating func keep(_ bytes: UnsafeRawBufferPointer) {
        if bytes.count >= limit {
            tail = Array(bytes[(bytes.endIndex - limit)...])
            return
        }
        tail.append(contentsOf: bytes)
        if tail.count > 2 * limit { tail.removeFirst(tail.count - limit) }
    }

    private mutating func emitLine() {
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        sink(stream, String(decoding: line, as: UTF8.self))
        line.removeAll(keepingCapacity: true)
    }
}
