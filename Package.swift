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
        // Portable modules: no Glibc, no C, no kernel. They build and test anywhere.
        .target(name: "CANBus"),
        .target(name: "JSON"),
        .target(name: "DBC", dependencies: ["CANBus"]),
        // The shared vocabulary: VSS paths, units, the catalogue, signal readings and the SignalReader protocol.
        .target(name: "VSS", dependencies: ["CANBus"]),
        // Languages, locales, number and unit formatting, shared by both agents.
        .target(name: "Speech"),

        // Test kits, shared by the test targets and the benchmarks.
        .target(name: "GeniusTestSupport", dependencies: ["CANBus", "DBC"]),

        // Executables wire modules together and hold no logic of their own.
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
        .executableTarget(name: "genius-bench", dependencies: ["CANBus", "DBC", "GeniusTestSupport"], path: "Benchmarks/genius-bench"),

        .testTarget(name: "CANBusTests", dependencies: ["CANBus", "GeniusTestSupport"]),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "DBCTests", dependencies: ["DBC", "CANBus", "GeniusTestSupport"]),
        // Targets added by other work streams go above this line, one block per stream.
        // SocketCAN (issue 6): the Linux adapter for raw CAN sockets and its C shim (linux/can*.h,
        // recvmmsg, libsocketcan loaded with dlopen). Its tests need a kernel CAN stack: scripts/vm-test.
        .target(name: "CSocketCAN", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "SocketCAN", dependencies: ["CANBus", "CSocketCAN"]),
        .testTarget(name: "SocketCANTests", dependencies: ["SocketCAN", "CANBus"]),
        .executableTarget(name: "socketcan-bench", dependencies: ["CANBus", "DBC", "SocketCAN"], path: "Benchmarks/socketcan-bench"),
        // Vehicle signals (issue 3): VSS metadata, DBC→VSS mapping, the signal store; the simulator.
        .target(name: "VehicleSignals", dependencies: ["VSS", "CANBus", "DBC", "JSON"]),
        .testTarget(name: "VehicleSignalsTests", dependencies: ["VehicleSignals", "VSS", "CANBus", "DBC", "JSON"]),
        .target(name: "Simulator", dependencies: ["VehicleSignals", "VSS", "CANBus", "DBC", "JSON"]),
        .testTarget(name: "SimulatorTests", dependencies: ["Simulator", "VehicleSignals", "VSS", "CANBus", "JSON"]),
        .executableTarget(
            name: "ingest-bench", dependencies: ["Simulator", "VehicleSignals", "VSS", "DBC", "CANBus"], path: "Benchmarks/ingest-bench"),
        // Car Genius agent (issue 4): understanding, grounded answers, alerts; its tests and benchmark.
        // Its language data is JSON in Resources/, embedded in the binary (the daemon stays one file).
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
        .testTarget(name: "CarGeniusTests", dependencies: ["CarGenius", "VSS", "Speech", "JSON"]),
        .executableTarget(name: "ask-bench", dependencies: ["CarGenius", "VSS", "Speech"], path: "Benchmarks/ask-bench"),
        // Varlink (issue 7): the portable protocol core; VarlinkSocket is its Linux adapter (Unix sockets).
        .target(name: "Varlink", dependencies: ["JSON"]),
        .target(name: "VarlinkSocket", dependencies: ["Varlink"]),
        .testTarget(
            name: "VarlinkTests",
            dependencies: ["JSON", "Varlink", .target(name: "VarlinkSocket", condition: .when(platforms: [.linux]))]
        ),
        // Assistant: routes each utterance to Car Genius or Travel Companion (portable).
        .target(name: "Assistant", dependencies: ["CarGenius", "TravelCompanion", "VSS", "Speech", "JSON", "LLM"]),
        // Systemd (issue 7): the Linux adapter for sd_notify, the watchdog, socket activation and a journald
        // log handler; CSystemd loads libsystemd.so.0 with dlopen, so building needs no libsystemd-dev.
        .target(name: "CSystemd", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "Systemd", dependencies: ["CSystemd", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "SystemdTests", dependencies: ["Systemd", "JSON", .product(name: "Logging", package: "swift-log")]),
        // Varlink API clients (issue 7): the API benchmark (scripts/bench-api).
        .executableTarget(name: "api-bench", dependencies: ["JSON", "Varlink", "VarlinkSocket"], path: "Benchmarks/api-bench"),
        // geniusd (issue 7): the io.cargenius.* interfaces (portable), the daemon's lifecycle, the executable.
        .target(
            name: "GeniusAPI",
            dependencies: [
                "Varlink", "VSS", "Speech", "VehicleSignals", "CarGenius", "Assistant", "TravelCompanion", "CANBus", "LLM",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
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
        .executableTarget(
            name: "geniusd",
            dependencies: [
                "GeniusDaemon", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .target(name: "Systemd", condition: .when(platforms: [.linux])),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "GeniusAPITests",
            dependencies: ["GeniusAPI", "Varlink", "VSS", "Speech", "VehicleSignals", "CarGenius", "Assistant", "TravelCompanion", "CANBus"]
        ),
        .testTarget(
            name: "GeniusDaemonTests",
            dependencies: [
                "GeniusDaemon", "GeniusAPI", "Varlink", "VSS", "VehicleSignals", "CANBus",
                .target(name: "VarlinkSocket", condition: .when(platforms: [.linux])),
                .target(name: "Systemd", condition: .when(platforms: [.linux])),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Travel Companion (issue 5): places store, importers, traffic, ranking, driver profiles; router tests.
        .target(name: "TravelCompanion", dependencies: ["VSS", "Speech", "JSON"]),
        .testTarget(name: "TravelCompanionTests", dependencies: ["TravelCompanion", "VSS", "Speech", "CarGenius", "JSON"]),
        .testTarget(
            name: "AssistantTests", dependencies: ["Assistant", "TravelCompanion", "CarGenius", "VSS", "Speech", "GeniusAPI", "Varlink"]),
        // travel-bench: the router's cost per ask (Assistant.ask with places vs CarGeniusEngine.ask alone), in process.
        .executableTarget(
            name: "travel-bench", dependencies: ["Assistant", "CarGenius", "TravelCompanion", "VSS", "Speech"], path: "Benchmarks/travel-bench"),
        // D-Bus (issue 17): the io.cargenius.* API on the D-Bus system bus through sd-bus. CSDBus loads
        // libsystemd.so.0 with dlopen, like CSystemd; GeniusAPI.GeniusDBus says what the surface is.
        .target(name: "CSDBus", linkerSettings: [.linkedLibrary("dl")]),
        .target(
            name: "DBusAPI", dependencies: ["CSDBus", "GeniusAPI", "Varlink", .product(name: "Logging", package: "swift-log")]),
        // LLM backend (issue 15): the OpenAI-compatible chat-completions protocol with tools, SSE, deadline, retry and circuit
        // breaker (portable); LLMSocket is its Linux adapter (HTTP/1.1 over loopback TCP or a Unix socket).
        .target(name: "LLM", dependencies: ["JSON"]),
        .target(name: "LLMSocket", dependencies: ["LLM"]),
        .testTarget(name: "LLMTests", dependencies: ["LLM", "JSON", .target(name: "LLMSocket", condition: .when(platforms: [.linux]))]),
        // ANCHOR: targets-end
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
