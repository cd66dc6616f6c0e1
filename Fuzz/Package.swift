// swift-tools-version: 6.1
// Coverage-guided fuzzers (libFuzzer) for the parsers. scripts/fuzz builds each as a static library with
// `-sanitize=fuzzer,address` and links it into a libFuzzer binary (libFuzzer brings its own `main`).
import Foundation
import PackageDescription

// The root package's identity is its folder's name, which differs between checkouts (main, a CI clone).
let root = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "CarGeniusFuzz",
    products: [
        .library(name: "FuzzDBC", type: .static, targets: ["FuzzDBC"]),
        .library(name: "FuzzCandump", type: .static, targets: ["FuzzCandump"]),
    ],
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "FuzzDBC", dependencies: [.product(name: "DBC", package: root)]),
        .target(name: "FuzzCandump", dependencies: [.product(name: "CANBus", package: root)]),
    ]
)
