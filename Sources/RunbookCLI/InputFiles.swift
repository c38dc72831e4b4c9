import Diagnostics
import Foundation
import Language
import YAMLLoader

/// Finds and reads the files a command works on.
enum InputFiles {
    /// A path that could not be used, said plainly.
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// Files under `paths`: named files as given, folders searched for `*.yaml`/`*.yml` playbooks
    /// (files that carry `runbook:`) and the policy. Sorted, each once.
    static func collect(_ paths: [String]) throws(Problem) -> [String] {
        var found: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw Problem(description: "\(path): no such file or folder")
            }
            guard isDirectory.boolValue else {
                found.append(path)
                continue
            }
            guard let walker = manager.enumerator(atPath: path) else {
                throw Problem(description: "\(path): cannot read this folder")
            }
            var inFolder: [String] = []
            while let relative = walker.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") {
                    walker.skipDescendants()
                    continue
                }
                guard name.hasSuffix(".yaml") || name.hasSuffix(".yml") else { continue }
                let full = path.hasSuffix("/") ? path + relative : path + "/" + relative
                if Frontend.isPolicy(path: full) {
                    inFolder.append(full)
                } else if Self.looksLikePlaybook(atPath: full) {
                    inFolder.append(full)
                }
            }
            found += inFolder.sorted()
        }
        var seen = Set<String>()
        return found.filter { seen.insert($0).inserted }
    }

    /// Whether a file in a folder is a playbook. A file over the loader's size limit is judged
    /// by its first MiB (lint then refuses it by its size), so a huge file is never read whole.
    private static func looksLikePlaybook(atPath path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, Int(info.st_size) > LoaderLimits.default.maxBytes else {
            return FileManager.default.contents(atPath: path).map { Frontend.looksLikePlaybook(bytes: [UInt8]($0)) } ?? false
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 1 << 20)) ?? Data()
        return Frontend.looksLikePlaybook(bytes: [UInt8](head))
    }
}
