// swift-tools-version:6.0
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "Handover",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "handover", targets: ["handover"])
    ],
    // Exact versions: the application builds the same from every clone (Package.resolved cannot be
    // committed here; see the README).
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", exact: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/mattpolzin/OpenAPIKit", exact: "6.4.0"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", exact: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
    ],
    targets: [
        // C libraries
        .systemLibrary(
            name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .target(name: "CFileSwap"),
        // setrlimit and Landlock for the Graphviz worker processes.
        .target(name: "CSandbox"),
        .systemLibrary(name: "CGraphviz", pkgConfig: "libgvc", providers: [.apt(["libgraphviz-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // The pipeline, leaves first: load → validate → site graph → render → write.
        // Pure helpers every stage shares, one implementation each: escaping, slugs, trimming,
        // ISO 8601 and the calendar, number, duration and percent texts.
        .target(name: "Basics", swiftSettings: swiftSettings),
        .target(name: "Diagnostics", dependencies: ["Basics"], swiftSettings: swiftSettings),
        .target(name: "Parallel", swiftSettings: swiftSettings),
        .target(name: "Loading", dependencies: ["Basics", "Diagnostics", "Parallel", "Sanitizing", "Yams"], swiftSettings: swiftSettings),
        .target(name: "Model", dependencies: ["Diagnostics", "Basics"], swiftSettings: swiftSettings),
        .target(name: "Validation", dependencies: ["Basics", "Diagnostics", "Loading", "Model", "APIDocs", "Templates"], swiftSettings: swiftSettings),
        // Scoring API descriptions: OpenAPI 3.x through OpenAPIKit, Swagger 2.0 read by hand.
        .target(
            name: "APIDocs",
            dependencies: [
                "Basics", "Diagnostics", "Loading", "Model", "Yams",
                .product(name: "OpenAPIKit30", package: "OpenAPIKit"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
            ],
            swiftSettings: swiftSettings),
        .target(name: "SiteGraph", dependencies: ["Basics", "Model", "Diagnostics"], swiftSettings: swiftSettings),
        // Allow-lists that raw HTML and every inlined SVG pass through.
        .target(name: "Sanitizing", swiftSettings: swiftSettings),
        .target(name: "Markdown", dependencies: ["Basics", "CCmarkGFM", "Sanitizing"], swiftSettings: swiftSettings),
        .target(name: "Monitoring", dependencies: ["Diagnostics", "Basics"], swiftSettings: swiftSettings),
        .target(name: "Health", dependencies: ["Basics", "Diagnostics", "Model", "Monitoring"], swiftSettings: swiftSettings),
        // The dashboard's numbers: panels evaluated over the window, tiles, changes, uptime days.
        .target(name: "Panels", dependencies: ["Basics", "Diagnostics", "Model", "Monitoring", "Health"], swiftSettings: swiftSettings),
        .target(name: "Charts", dependencies: ["Basics", "Diagnostics", "Sanitizing"], swiftSettings: swiftSettings),
        // Graphviz layout through libgvc: the architecture diagram and ```dot blocks.
        .target(name: "Diagrams", dependencies: ["Basics", "CGraphviz", "CSandbox", "Diagnostics", "Sanitizing"], swiftSettings: swiftSettings),
        .target(
            name: "Templates",
            dependencies: ["Basics", "Diagnostics", "Loading", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: swiftSettings,
            plugins: ["EmbedTemplatesPlugin"]),
        .target(
            name: "Pages",
            dependencies: [
                "Basics", "Diagnostics", "Model", "Parallel", "SiteGraph", "Markdown", "Sanitizing", "Templates", "Health", "Monitoring", "Panels", "Charts",
                "Diagrams",
            ],
            swiftSettings: swiftSettings),
        .target(name: "Output", dependencies: ["CFileSwap"], swiftSettings: swiftSettings),
        // `handover package` and `verify`: reproducible .tar.gz and .zip of a release with SHA256SUMS.
        .target(
            name: "Packaging", dependencies: ["Basics", "CZlib", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings),
        // Snapshots from a live Prometheus: the only module that talks to a network.
        .target(
            name: "Pull",
            dependencies: [
                "Basics", "CFileSwap", "Diagnostics", "Output",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "Build",
            dependencies: [
                "Diagnostics", "Loading", "Model", "Validation", "SiteGraph", "Pages", "Templates", "Output", "Monitoring", "Health", "Panels", "Parallel",
                "Packaging",
            ],
            swiftSettings: swiftSettings),
        // Watching folders with inotify: one watch per folder, debounced batches of changed paths.
        .target(name: "Watch", swiftSettings: swiftSettings),
        // `handover serve`: the built site over HTTP, rebuilt as inputs change, live reload.
        .target(
            name: "Serve",
            dependencies: [
                "Build", "Diagnostics", "Templates", "Watch", "Output",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "handover",
            dependencies: [
                "Basics", "Build", "Diagnostics", "Diagrams", "Model", "Output", "Packaging", "Pull", "Serve", "Templates",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings),

        // Build-time embedding of the built-in theme (Templates/) into the binary.
        .executableTarget(name: "EmbedTemplates", swiftSettings: swiftSettings),
        .plugin(name: "EmbedTemplatesPlugin", capability: .buildTool(), dependencies: ["EmbedTemplates"]),

        .testTarget(name: "BasicsTests", dependencies: ["Basics"]),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(name: "LoadingTests", dependencies: ["Loading", "Diagnostics"]),
        .testTarget(
            name: "ValidationTests", dependencies: ["Basics", "Validation", "Loading", "Model", "Diagnostics", "APIDocs", "Templates"], exclude: ["Fixtures"]),
        .testTarget(name: "MarkdownTests", dependencies: ["Basics", "Markdown"]),
        .testTarget(name: "SanitizingTests", dependencies: ["Sanitizing"]),
        .testTarget(name: "HealthTests", dependencies: ["Health", "Monitoring", "Model", "Diagnostics"]),
        .testTarget(name: "PanelsTests", dependencies: ["Panels", "Health", "Monitoring", "Model", "Diagnostics"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts", "Diagnostics", "Templates"], exclude: ["Fixtures"]),
        .testTarget(name: "MonitoringTests", dependencies: ["Monitoring", "Diagnostics"], exclude: ["Fixtures"]),
        .testTarget(name: "SiteGraphTests", dependencies: ["SiteGraph", "Model"]),
        .testTarget(name: "TemplatesTests", dependencies: ["Templates", "Diagnostics", "Basics"]),
        .testTarget(name: "OutputTests", dependencies: ["Output"]),
        .testTarget(name: "PullTests", dependencies: ["Pull", "Build", "Diagnostics", "Loading"]),
        .testTarget(name: "WatchTests", dependencies: ["Watch"]),
        .testTarget(name: "PackagingTests", dependencies: ["Packaging"]),
        .testTarget(name: "DiagramsTests", dependencies: ["Diagrams", "Sanitizing"]),
        .testTarget(
            name: "ServeTests",
            dependencies: [
                "Serve", "Build", "Diagnostics",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]),
        .testTarget(
            name: "BuildTests", dependencies: ["Build", "Diagnostics", "Output", "Pages", "Templates", "Basics"],
            exclude: ["Fixtures"]),
    ]
)
