/// A SARIF `location`: a region of a file, with an id and message when it is a related location.
struct SARIFLocation: Codable, Equatable, Sendable {
    /// Unique within a result's `relatedLocations`; absent on the primary location.
    var id: Int?
    var physicalLocation: Physical
    var message: SARIFLog.Text?

    struct Physical: Codable, Equatable, Sendable {
        var artifactLocation: ArtifactLocation
        var region: ReportRegion
    }

    /// A file as a URI reference, relative to `uriBaseId` when it is inside the checkout.
    struct ArtifactLocation: Codable, Equatable, Sendable {
        var uri: String
        var uriBaseId: String?
    }
}

extension SARIFLocation.ArtifactLocation {
    /// The location of `path` (as diagnostics carry it) seen from the checkout at `root`.
    init(path: String, root: String) {
        let relative = ReportPath.relative(path, to: root)
        self.init(uri: ReportPath.uri(relative),
                  uriBaseId: relative.hasPrefix("/") ? nil : SARIFLog.sourceRoot)
    }
}
