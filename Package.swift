// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "CarGenius",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "geniusctl", targets: ["geniusctl"]),
        .library(name: "CANBus", targets: ["CANBus"]),
        .library(name: "DBC", targets: ["DBC"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // Layers, lowest first, each under a MARK line; a "(portable)" layer imports no platform library or C module
        // (Tests/CANBusTests/ArchitectureRulesTests.swift). The comment above each target is its purpose in
        // docs/architecture.md, whose module graph scripts/architecture writes from this file.

        // MARK: Core (portable): no Glibc, no C module, no kernel; these build and test on any machine.
        // CAN identifiers and frames (classic, FD, remote, error), the candump -L log format, the FrameSource protocol, replay.
        .target(name: "CANBus"),
        // The one JSON value, its strict byte parser and its writer; clean-up after interrupted atomic saves.
        .target(name: "JSON"),
        // The DBC grammar and model, and a compiled codec that decodes and encodes frames.
        .target(name: "DBC", dependencies: ["CANBus"]),
        // The shared vocabulary: VSS paths, units, the catalogue, signal readings and the SignalReader protocol.
        .target(name: "VSS", dependencies: ["CANBus"]),
        // Languages, locales, number and unit formatting, shared by both agents.
        .target(name: "Speech"),
        // Vehicle manifests, DBC→VSS mapping, and the signal store: latest values, staleness, history, last-known values.
        .target(name: "VehicleSignals", dependencies: ["VSS", "CANBus", "DBC", "JSON"]),
        // A vehicle model and scenarios, encoded to frames with the DBC codec; a frame source.
        .target(name: "Simulator", dependencies: ["VehicleSignals", "VSS", "CANBus", "DBC", "JSON"]),
        // The Varlink protocol without a transport: interfaces, framing, calls, replies, errors, streams; server and client.
        .target(name: "Varlink", dependencies: ["JSON"]),
        // OpenAI-compatible chat completions with tools, SSE, deadline, retry, circuit breaker, without a transport.
        .target(name: "LLM", dependencies: ["JSON"]),

        // MARK: Agents (portable): Car Genius, Travel Companion and the router between them.
        // Car-status questions: understanding, dialogue, grounded answers, alerts, lamps; its language data is embedded.
        .target(
            name: "CarGenius", dependencies: ["VSS", "Speech", "JSON"],
            resources: [
                .embedInCode("Resources/intent-examples.json"),
                .embedInCode("Resources/lexicon-en.json"), .embedInCode("Resources/lexicon-de.json"), .embedInCode("Resources/lexicon-zh.json"),
                .embedInCode("Resources/templates-en.json"), .embedInCode("Resources/templates-de.json"),
                .embedInCode("Resources/templates-zh.json"),
                .embedInCode("Resources/warnings.json"), .embedInCode("Resources/lamp-symbols.json"),
            ]
        ),
        // Places, importers, opening hours, traffic, constraint-true ranking, driver profiles.
        .target(name: "TravelCompanion", dependencies: ["VSS", "Speech", "JSON"]),
        // Routes each utterance to Car Genius or Travel Companion; the LLM path with a grounding check.
        .target(name: "Assistant", dependencies: ["CarGenius", "TravelCompanion", "VSS", "Speech", "JSON", "LLM"]),

        // MARK: API (portable): one binding of the API for every transport.
        // The io.cargenius.* interfaces bound to the store, the router, the alerts and the bus status; the D-Bus mapping.
        .target(
            name: "GeniusAPI",
            dependencies: [
                "Varlink", "VSS", "Speech", "VehicleSignals", "CarGenius", "Assistant", "TravelCompanion", "CANBus", "LLM",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // MARK: Linux adapters: the only modules that touch C and the kernel.
        // C shim for SocketCAN: linux/can*.h, CMSG, recvmmsg; libsocketcan loaded with dlopen.
        .target(name: "CSocketCAN", linkerSettings: [.linkedLibrary("dl")]),
        // Raw CAN sockets as a frame source and sender: filters, FD, timestamps, drops, bus health (tests: scripts/vm-test).
        .target(name: "SocketCAN", dependencies: ["CANBus", "CSocketCAN"]),
        // The Varlink server on Unix sockets: event-driven, bounded (connections, sizes, timeouts).
        .target(name: "VarlinkSocket", dependencies: ["Varlink"]),
        // C shim for the Systemd module: the notify socket, fd checks, sd_journal_sendv loaded with dlopen (no libsystemd-dev).
        .target(name: "CSystemd", linkerSettings: [.linkedLibrary("dl")]),
        // sd_notify (READY, STATUS, WATCHDOG, STOPPING), socket activation, a journald log handler.
        .target(name: "Systemd", dependencies: ["CSystemd", .product(name: "Logging", package: "swift-log")]),
        // C shim for libsystemd's sd-bus, loaded with dlopen.
        .target(name: "CSDBus", linkerSettings: [.linkedLibrary("dl")]),
        // The io.cargenius.* API on the D-Bus system bus through sd-bus, answered by the Varlink service.
        .target(
            name: "DBusAPI", dependencies: ["CSDBus", "GeniusAPI", "Varlink", .product(name: "Logging", package: "swift-log")]),
        // The LLM client's transport: HTTP/1.1 over loopback TCP or a Unix socket.
        .target(name: "LLMSocket", dependencies: ["LLM"]),
        // The daemon: configuration, frame sources, ingest, API servers, alerts, persistence, systemd supervision.
        .target(
            name: "GeniusDaemon",
            dependencies: [
                "GeniusAPI", "Varlink", "VSS", "Speech", "VehicleSignals", "Simulator", "CANBus", "CarGenius", "Assistant", "TravelCompanion", "JSON",
                "LLM", .target(name: "LLMSocket", condition: .when(platforms: [.linux])),
                .target(name: "VarlinkSocket", condition: .when(platforms: [.linux])),
                .target(name: "SocketCAN", condition: .when(platforms: [.linux])),
                .target(name: "Systemd", condition: .when(platforms: [.linux])),
                .target(name: "DBusAPI", condition: .when(platforms: [.linux])),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),

        // MARK: Executables: they wire modules together and hold no logic of their own.
        // The CLI: decode, ask, simulate, record, replay, chat, signals, bus, map.
        .executableTarget(
            name: "geniusctl",
            dependencies: [
                "CANBus", "DBC", "JSON", "VSS", "Speech", "CarGenius", "VehicleSignals", "Simulator", "Assistant", "TravelCompanion",
                "Varlink", "GeniusAPI", .target(name: "VarlinkSocket", condition: .when(platforms: [.linux])),
                "LLM", .target(name: "LLMSocket", condition: .when(platforms: [.linux])),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "SystemPackage", package: "swift-system"),
                .target(name: "SocketCAN", condition: .when(platforms: [.linux])),
            ]
        ),
        // The daemon's executable: options, logging, systemd, then GeniusDaemon.
        .executableTarget(
            name: "geniusd",
            dependencies: [
                "GeniusDaemon", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .target(name: "Systemd", condition: .when(platforms: [.linux])),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // MARK: Test support: shared by the tests and the benchmarks.
        // The repository root, the DBC fixture, seeded random numbers.
        .target(name: "GeniusTestSupport", dependencies: ["CANBus", "DBC"]),

        // MARK: Tests: in the order of the modules they test.
        .testTarget(name: "CANBusTests", dependencies: ["CANBus", "GeniusTestSupport"]),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "DBCTests", dependencies: ["DBC", "CANBus", "GeniusTestSupport"]),
        .testTarget(name: "VehicleSignalsTests", dependencies: ["VehicleSignals", "VSS", "CANBus", "DBC", "JSON", "GeniusTestSupport"]),
        .testTarget(name: "SimulatorTests", dependencies: ["Simulator", "VehicleSignals", "VSS", "CANBus", "JSON", "GeniusTestSupport"]),
        .testTarget(
            name: "VarlinkTests",
            dependencies: ["JSON", "Varlink", .target(name: "VarlinkSocket", condition: .when(platforms: [.linux])), "GeniusTestSupport"]
        ),
        .testTarget(name: "LLMTests", dependencies: ["LLM", "JSON", .target(name: "LLMSocket", condition: .when(platforms: [.linux]))]),
        .testTarget(name: "CarGeniusTests", dependencies: ["CarGenius", "VSS", "Speech", "JSON", "GeniusTestSupport"]),
        .testTarget(name: "TravelCompanionTests", dependencies: ["TravelCompanion", "VSS", "Speech", "CarGenius", "JSON", "GeniusTestSupport"]),
        .testTarget(
            name: "AssistantTests",
            dependencies: ["Assistant", "TravelCompanion", "CarGenius", "VSS", "Speech", "GeniusAPI", "Varlink", "GeniusTestSupport"]),
        .testTarget(
            name: "GeniusAPITests",
            dependencies: [
                "GeniusAPI", "Varlink", "VSS", "Speech", "VehicleSignals", "CarGenius", "Assistant", "TravelCompanion", "CANBus",
                "GeniusTestSupport",
            ]
        ),
        .testTarget(name: "SocketCANTests", dependencies: ["SocketCAN", "CANBus"]),
        .testTarget(name: "SystemdTests", dependencies: ["Systemd", "JSON", .product(name: "Logging", package: "swift-log")]),
        .testTarget(
            name: "GeniusDaemonTests",
            dependencies: [
                "GeniusDaemon", "GeniusAPI", "Varlink", "VSS", "VehicleSignals", "CANBus",
                .target(name: "VarlinkSocket", condition: .when(platforms: [.linux])),
                .target(name: "Systemd", condition: .when(platforms: [.linux])),
                .product(name: "Logging", package: "swift-log"),
                "GeniusTestSupport",
            ]
        ),

        // MARK: Benchmarks: scripts/bench runs them, each against its reference in the same run.
        // DBC load and decode throughput (scripts/bench dbc, against cantools).
        .executableTarget(name: "genius-bench", dependencies: ["CANBus", "DBC", "GeniusTestSupport"], path: "Benchmarks/genius-bench"),
        // Decode, map and store against decoding alone (scripts/bench ingest).
        .executableTarget(
            name: "ingest-bench", dependencies: ["Simulator", "VehicleSignals", "VSS", "DBC", "CANBus"], path: "Benchmarks/ingest-bench"),
        // Car Genius's ask latency and memory over the evaluation set (scripts/bench ask).
        .executableTarget(name: "ask-bench", dependencies: ["CarGenius", "VSS", "Speech"], path: "Benchmarks/ask-bench"),
        // The router's cost per ask: Assistant.ask with places against CarGeniusEngine.ask alone (scripts/bench travel).
        .executableTarget(
            name: "travel-bench", dependencies: ["Assistant", "CarGenius", "TravelCompanion", "VSS", "Speech"], path: "Benchmarks/travel-bench"),
        // The Varlink API's latency, CPU and memory against the release geniusd (scripts/bench api).
        .executableTarget(name: "api-bench", dependencies: ["JSON", "Varlink", "VarlinkSocket"], path: "Benchmarks/api-bench"),
        // The SocketCAN frame source's CPU per frame against candump, in the CAN VM (scripts/bench vm).
        .executableTarget(name: "socketcan-bench", dependencies: ["CANBus", "DBC", "SocketCAN"], path: "Benchmarks/socketcan-bench"),
    ]
)

// One place for settings: every target gets the same strictness.
for target in package.targets {
    var settings = target.swiftSettings ?? []
    settings.append(contentsOf: [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("InternalImportsByDefault"),
        .enableUpcomingFeature("MemberImportVisibility"),
    ])
    target.swiftSettings = settings
}
