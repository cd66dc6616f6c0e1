import FoundationEssentials

/// A small deterministic random number generator (SplitMix64), so tests and benchmarks that use random
/// frames are reproducible from their seed.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The repository's root, found from this source file's path (tests and benchmarks run from the checkout).
///
/// The one place that knows where a source file sits in the checkout; tests read fixtures, `can-dbc/`,
/// `varlink/` and `Sources/` from here.
public let repositoryRoot: String = {
    var path = "\(#filePath)"
    for _ in 0..<3 { path = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]) }  // Sources/GeniusTestSupport/<file>
    return path
}()

/// Files shared by the Swift tests, the CLI tests and the fuzzers, in `IntegrationTests/fixtures`.
public enum DBCFixtures {
    /// Two nodes, a standard and an extended message, Intel and Motorola, signed and float signals, simple
    /// and extended multiplexing, value tables, comments, attributes (cycle time, CAN FD frame format).
    public static let vehiclePath = repositoryRoot + "/IntegrationTests/fixtures/vehicle.dbc"

    /// The text of `vehiclePath`.
    public static var vehicle: String {
        get throws { try String(decoding: Data(contentsOf: URL(fileURLWithPath: vehiclePath)), as: UTF8.self) }
    }
}
