import Foundation

/// Writes the ERP's log: one JSON object a line on standard output, which `scripts/sandbox`
/// appends to /tmp/runbook-sandbox/school-erp.log and `scripts/sandbox logs` tails.
///
/// One `write(2)` a line, so lines from concurrent requests never interleave. The seeds' red-flag
/// playbook greps this log for `login_failures` and `"ip":"…"`, so those names are kept.
enum EventLog {
    static func write(_ event: String, _ fields: [String: any Sendable] = [:]) {
        var object: [String: Any] = fields.mapValues { $0 as Any }
        object["event"] = event
        object["time"] = Date().formatted(.iso8601)
        guard JSONSerialization.isValidJSONObject(object),
              var data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return }
        data.append(UInt8(ascii: "\n"))
        try? FileHandle.standardOutput.write(contentsOf: data)
    }
}
