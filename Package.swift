// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "runbook",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "runbook", targets: ["runbook"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // System libraries
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),

        // Language core: diagnostics <- YAML loader <- language (AST, parser)
        .target(name: "Diagnostics"),
        .target(name: "YAMLLoader", dependencies: ["CYAML", "Diagnostics"]),
        .target(name: "Language", dependencies: ["YAMLLoader", "Diagnostics"]),
        .target(name: "Checker", dependencies: ["Language", "YAMLLoader", "Diagnostics"]),

        // Command line
        .target(
            name: "RunbookCLI",
            dependencies: [
                "Diagnostics", "YAMLLoader", "Language", "Checker",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "runbook",
            dependencies: ["RunbookCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // Tests
        .target(name: "TestSupport", dependencies: ["Diagnostics"], path: "Tests/TestSupport"),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics", "TestSupport"]),
        .testTarget(name: "YAMLLoaderTests", dependencies: ["YAMLLoader", "TestSupport"]),
        .testTarget(name: "LanguageTests", dependencies: ["Language", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "CheckerTests", dependencies: ["Checker", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "CLITests", dependencies: ["RunbookCLI", "runbook", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
