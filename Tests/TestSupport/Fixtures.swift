import Foundation

/// Locates fixture files that live beside a test file.
public enum Fixtures {
    /// The `Fixtures` folder next to the calling test file.
    public static func directory(filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    }

    /// The repository root, for tests that read `playbooks/` or run the built binary.
    public static func repositoryRoot(filePath: String = #filePath) -> URL {
        var url = URL(fileURLWithPath: filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url
            }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    /// Names of the files in `folder` (relative to the fixtures directory) with `suffix`, sorted.
    public static func files(in folder: String, suffix: String = ".yaml", filePath: String = #filePath) -> [String] {
        let dir = directory(filePath: filePath).appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted()
    }
}
