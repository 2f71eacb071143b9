// swift-tools-version:6.0
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "workorders",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "wo", targets: ["wo"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // Already in the graph through postgres-nio: the metrics and health HTTP server.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // Already in the graph through postgres-nio; SHA-256 for RabbitMQ password hashes.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        // C: librabbitmq 0.11 (Debian librabbitmq-dev). Only AMQPClient imports it.
        .systemLibrary(
            name: "CRabbitMQ",
            pkgConfig: "librabbitmq",
            providers: [.apt(["librabbitmq-dev"])]
        ),
        // Swift AMQP 0-9-1 client: one thread per connection, Sendable async API.
        .target(
            name: "AMQPClient",
            dependencies: [
                "CRabbitMQ",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The pure workflow core: state machines, policy model, business calendar.
        // Imports no broker, no database, and never reads a clock.
        .target(
            name: "WorkOrderCore",
            swiftSettings: swiftSettings
        ),
        // The wire contract: every message body the system sends or receives, one Codable
        // type each, decoded strictly (ranges, text rules, id limits). Pure: no broker.
        .target(
            name: "WorkOrderProtocol",
            dependencies: ["WorkOrderCore"],
            swiftSettings: swiftSettings
        ),
        // Loads and validates the policy folder (`workflows/`) into WorkOrderCore types.
        .target(
            name: "WorkflowPolicy",
            dependencies: [
                "WorkOrderCore",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        // Durable store: orders, history, timers, inbox, outbox. SQLite (GRDB) and PostgreSQL.
        .target(
            name: "WorkOrderStore",
            dependencies: [
                "WorkOrderCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The public AMQP contract: exchange and queue names, and how they are declared.
        .target(
            name: "WorkOrderTopology",
            dependencies: ["AMQPClient", "WorkOrderCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // The server shell: services that run the core against the store.
        .target(
            name: "WorkOrderServer",
            dependencies: [
                "AMQPClient",
                "WorkOrderTopology",
                "WorkOrderCore",
                "WorkOrderProtocol",
                "WorkflowPolicy",
                "WorkOrderStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Department workers, the call-back desk, `wo task`'s transition client and the
        // simulated staff: the processes people use to receive and report work.
        .target(
            name: "WorkOrderWorkers",
            dependencies: [
                "AMQPClient",
                "WorkOrderTopology",
                "WorkOrderCore",
                "WorkOrderProtocol",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Read models for supervisors: timelines, deadlines, statistics, monthly reports.
        // Pure computations over what the store returns; no broker.
        .target(
            name: "WorkOrderReports",
            dependencies: ["WorkOrderCore", "WorkOrderProtocol", "WorkOrderStore"],
            swiftSettings: swiftSettings
        ),
        // Campaigns outside any single order: call-back campaigns, the half-yearly
        // satisfaction survey, the monthly household visits. Pure planning and status.
        .target(
            name: "WorkOrderCampaigns",
            dependencies: ["WorkOrderCore"],
            swiftSettings: swiftSettings
        ),
        // Shared helpers for tests: broker URL, unique names, polling.
        .target(
            name: "WOTesting",
            dependencies: ["AMQPClient"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "wo",
            dependencies: [
                "AMQPClient",
                "WorkOrderCore",
                "WorkOrderProtocol",
                "WorkflowPolicy",
                "WorkOrderServer",
                "WorkOrderStore",
                "WorkOrderCampaigns",
                "WorkOrderTopology",
                "WorkOrderWorkers",
                "WorkOrderReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // The boundary fuzzer (libFuzzer): bytes → strict decode → engine. Built for fuzzing
        // by scripts/fuzz (-sanitize=fuzzer -DFUZZING); built plainly, it replays input files.
        .executableTarget(
            name: "wo-fuzz",
            dependencies: ["WorkOrderCore", "WorkOrderProtocol"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "WorkOrderCoreTests",
            dependencies: ["WorkOrderCore"],
            swiftSettings: swiftSettings
        ),
        // The wire contract: round trips, strict decoding, and random values that never trap.
        .testTarget(
            name: "WorkOrderProtocolTests",
            dependencies: ["WorkOrderProtocol", "WorkOrderCore", "WorkflowPolicy"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "WorkflowPolicyTests",
            dependencies: ["WorkflowPolicy", "WorkOrderCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "WorkOrderStoreTests",
            dependencies: ["WorkOrderStore", "WorkOrderCore"],
            swiftSettings: swiftSettings
        ),
        // Read models on hand-built histories, and on a store filled by the server's own writer.
        .testTarget(
            name: "WorkOrderReportsTests",
            dependencies: [
                "WorkOrderReports", "WorkOrderCore", "WorkOrderProtocol", "WorkOrderStore", "WorkflowPolicy", "WorkOrderServer",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "WorkOrderServerTests",
            dependencies: [
                "WorkOrderServer", "WorkOrderStore", "WorkOrderCore", "WorkOrderProtocol", "WorkflowPolicy", "WorkOrderTopology", "WorkOrderWorkers", "WorkOrderReports", "AMQPClient", "WOTesting",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "WorkOrderCampaignsTests",
            dependencies: ["WorkOrderCampaigns", "WorkOrderCore", "WorkflowPolicy", "WOTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "WorkOrderWorkersTests",
            dependencies: ["WorkOrderWorkers", "WorkOrderCore", "WorkOrderProtocol", "WorkflowPolicy"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AMQPClientTests",
            dependencies: ["AMQPClient", "WOTesting"],
            swiftSettings: swiftSettings
        ),
    ]
)
