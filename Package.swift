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
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // System libraries
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .systemLibrary(
            name: "CHiredis",
            pkgConfig: "hiredis",
            providers: [.apt(["libhiredis-dev"])]
        ),

        // Language core: diagnostics <- YAML loader <- language (AST, parser)
        .target(name: "Diagnostics"),
        .target(name: "YAMLLoader", dependencies: ["CYAML", "Diagnostics"]),
        .target(name: "Language", dependencies: ["YAMLLoader", "Diagnostics"]),
        .target(name: "Checker", dependencies: ["Language", "YAMLLoader", "Diagnostics"]),

        // Who may run what: keys, identities, approvals, the policy at run time
        .target(
            name: "Authorization",
            dependencies: ["Language", "Checker", .product(name: "Crypto", package: "swift-crypto")]
        ),

        // Running: the backend protocol, the engine, and one target per backend
        .target(name: "BackendKit"),
        .target(
            name: "Engine",
            dependencies: ["BackendKit", "Language", "Checker", "Authorization", "Diagnostics", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "ShellBackend",
            dependencies: ["BackendKit", .product(name: "Subprocess", package: "swift-subprocess")]
        ),
        .target(
            name: "PostgresBackend",
            dependencies: [
                "BackendKit", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "RedisBackend", dependencies: ["BackendKit", "CHiredis"]),
        .target(
            name: "HTTPBackend",
            dependencies: [
                "BackendKit",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),

        // Command line
        .target(
            name: "RunbookCLI",
            dependencies: [
                "Diagnostics", "YAMLLoader", "Language", "Checker", "Authorization", "Engine", "BackendKit",
                "ShellBackend", "PostgresBackend", "RedisBackend", "HTTPBackend",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "runbook",
            dependencies: [
                "RunbookCLI", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),

        // The school-ERP sandbox the seed playbooks run against (not part of the product)
        .executableTarget(
            name: "school-erp",
            dependencies: [
                "CHiredis",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "Sandbox/SchoolERP"
        ),

        // Benchmarks: the direct-call floor that `runbook exec` is measured against
        .executableTarget(
            name: "exec-floor",
            dependencies: [
                "CHiredis",
                .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "benchmarks/exec-floor"
        ),

        // Fuzzing (scripts/fuzz): one input through lint, libFuzzer's driver, and the fuzz/replay executable
        .target(name: "FuzzHarness", dependencies: ["Diagnostics", "YAMLLoader", "Language", "Checker"]),
        .target(name: "CFuzzerDriver"),
        .executableTarget(
            name: "runbook-fuzz",
            dependencies: ["FuzzHarness", "CFuzzerDriver", "Diagnostics", "YAMLLoader", "Language", "Checker"]
        ),

        // Tests
        .target(name: "TestSupport", dependencies: ["Diagnostics"], path: "Tests/TestSupport"),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics", "TestSupport"]),
        .testTarget(name: "YAMLLoaderTests", dependencies: ["YAMLLoader", "TestSupport"]),
        .testTarget(name: "LanguageTests", dependencies: ["Language", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "CheckerTests", dependencies: ["Checker", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "FuzzRegressionTests", dependencies: ["FuzzHarness", "Diagnostics", "Language"], exclude: ["Fixtures"]),
        .target(name: "BackendTestSupport", dependencies: ["BackendKit"], path: "Tests/BackendTestSupport"),
        .testTarget(name: "ShellBackendTests", dependencies: ["ShellBackend", "BackendTestSupport"]),
        .testTarget(name: "PostgresBackendTests", dependencies: ["PostgresBackend", "BackendTestSupport"]),
        .testTarget(name: "RedisBackendTests", dependencies: ["RedisBackend", "BackendTestSupport"]),
        .testTarget(
            name: "HTTPBackendTests",
            dependencies: [
                "HTTPBackend", "BackendTestSupport",
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "AuthorizationTests",
            dependencies: ["Authorization", "Language", "Diagnostics", .product(name: "Crypto", package: "swift-crypto")],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "Authorization", "TestSupport", "BackendTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "SandboxTests", dependencies: ["school-erp", "TestSupport", "BackendTestSupport"]),
        .testTarget(
            name: "CLITests",
            dependencies: [
                "RunbookCLI", "runbook", "TestSupport", "BackendTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
