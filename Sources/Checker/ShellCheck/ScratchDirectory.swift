import Foundation

/// A private (mode 0700) temporary directory for ShellCheck's input and output files, so other
/// users cannot read secrets in scripts or swap files under the run; removed with `remove()`.
struct ScratchDirectory {
    let path: String

    init() throws(ShellCheckFailure) {
        let base = FileManager.default.temporaryDirectory.path
        let path = (base as NSString).appendingPathComponent("runbook-shellcheck-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .scratch("\(path): \(error.localizedDescription)")
        }
        self.path = path
    }

    /// The path of `name` inside the directory.
    func file(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }

    /// Writes `text` as UTF-8 to `name`, readable by the owner only, and returns its path.
    @discardableResult
    func write(_ text: String, to name: String) throws(ShellCheckFailure) -> String {
        let target = file(name)
        guard FileManager.default.createFile(
            atPath: target, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else { throw .scratch("cannot create \(target)") }
        return target
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
