import Authorization
import BackendKit
import Foundation

/// Encodes a journal event as one compact JSON object with its keys sorted, the bytes that
/// are hashed, signed and written. Hand-written because it runs twice per step: JSONEncoder
/// built a tree and sorted keys for every line, a large share of a fast step's overhead.
/// `JSONDecoder` reads the lines back (`JournalReader`), so the format is plain JSON.
enum JournalLine {
    /// The event without `signature` (added by `JournalChain.attach` over these bytes).
    static func encode(_ event: JournalEvent) throws -> [UInt8] {
        var line = Writer()
        // Keys in the byte order of their JSON names, as JSONEncoder's `.sortedKeys` writes them.
        if let approvals = event.approvals { try line.raw("approvals", fragment(approvals)) }
        line.int("attempt", event.attempt)
        line.int("duration_ms", event.durationMs)
        line.string("effect", event.effect)
        line.string("executor", event.executor)
        line.string("executor_key", event.executorKey)
        line.int("level", event.level)
        line.string("message", event.message)
        if let outputs = event.outputs { line.value("outputs", .object(outputs)) }
        if let params = event.params { line.value("params", .object(params.mapValues(Value.string))) }
        line.string("parent", event.parent)
        line.string("playbook", event.playbook)
        line.string("playbook_id", event.playbookID)
        line.string("playbook_sha256", event.playbookSHA256)
        line.string("policy", event.policy)
        line.string("prev", event.prev)
        line.string("run", event.run)
        line.int("seq", event.seq)
        line.string("status", event.status)
        line.string("step", event.step)
        line.string("time", event.time)
        line.string("title", event.title)
        line.string("type", event.type.rawValue)
        return line.finish()
    }

    /// Approvals appear on start lines only; their own Codable shape is kept.
    private static func fragment(_ approvals: [VerifiedApproval]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(approvals), as: UTF8.self)
    }

    private struct Writer {
        private var bytes: [UInt8] = [UInt8(ascii: "{")]

        init() { bytes.reserveCapacity(256) }

        mutating func string(_ key: String, _ value: String?) {
            guard let value else { return }
            self.key(key)
            Value.writeJSONString(value, into: &bytes)
        }

        mutating func int(_ key: String, _ value: Int?) {
            guard let value else { return }
            self.key(key)
            bytes.append(contentsOf: String(value).utf8)
        }

        mutating func value(_ key: String, _ value: Value) {
            self.key(key)
            value.writeJSON(into: &bytes)
        }

        mutating func raw(_ key: String, _ json: String) {
            self.key(key)
            bytes.append(contentsOf: json.utf8)
        }

        consuming func finish() -> [UInt8] {
            bytes.append(UInt8(ascii: "}"))
            return bytes
        }

        private mutating func key(_ name: String) {
            if bytes.count > 1 { bytes.append(UInt8(ascii: ",")) }
            Value.writeJSONString(name, into: &bytes)
            bytes.append(UInt8(ascii: ":"))
        }
    }
}
