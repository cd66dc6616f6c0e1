import Synchronization
public import JSON
public import Varlink

/// One frame source's state, as `io.cargenius.Bus.Status` reports it.
public struct BusInterfaceStatus: Sendable, Equatable {
    /// can0, vcan0, replay, simulator.
    public var name: String
    /// socketcan, replay or simulator.
    public var kind: String
    /// up, down, error-active, error-warning, error-passive, bus-off, virtual, stopped (and absent for a
    /// SocketCAN interface that is not there).
    public var state: String
    /// Nominal bit rate in bit/s, when the kernel reports one.
    public var bitrate: Int?
    /// Frames per second over the last few seconds.
    public var framesPerSecond: Double
    /// Frames received since the daemon started.
    public var frames: Int
    /// Frames the kernel dropped since the daemon started.
    public var drops: Int
    public var rxErrors: Int?
    public var txErrors: Int?
    public var busOffCount: Int?

    public init(
        name: String, kind: String, state: String, bitrate: Int? = nil, framesPerSecond: Double, frames: Int, drops: Int = 0,
        rxErrors: Int? = nil, txErrors: Int? = nil, busOffCount: Int? = nil
    ) {
        self.name = name
        self.kind = kind
        self.state = state
        self.bitrate = bitrate
        self.framesPerSecond = framesPerSecond
        self.frames = frames
        self.drops = drops
        self.rxErrors = rxErrors
        self.txErrors = txErrors
        self.busOffCount = busOffCount
    }

    /// The `Interface` record of `io.cargenius.Bus`.
    public var varlinkValue: JSONValue {
        var members: [String: JSONValue] = [
            "name": .string(name), "kind": .string(kind), "state": .string(state),
            "framesPerSecond": .double(framesPerSecond.isFinite ? framesPerSecond : 0), "frames": .int(Int64(frames)),
            "drops": .int(Int64(drops)),
        ]
        if let bitrate { members["bitrate"] = .int(Int64(bitrate)) }
        if let rxErrors { members["rxErrors"] = .int(Int64(rxErrors)) }
        if let txErrors { members["txErrors"] = .int(Int64(txErrors)) }
        if let busOffCount { members["busOffCount"] = .int(Int64(busOffCount)) }
        return .object(members)
    }
}

/// Tells the Bus interface what the frame sources are doing; the daemon implements it.
public protocol BusStatusProvider: Sendable {
    /// Every configured frame source, in configuration order.
    func busStatus() -> [BusInterfaceStatus]
}

/// The API server's figures for `io.cargenius.Bus.Status`: set by the daemon once its server exists.
public final class APIServerStatus: Sendable {
    /// Connections served now, and refusals and cut-offs since start by reason.
    public typealias Figures = (connections: Int, refused: [String: Int])
    private let source = Mutex<(@Sendable () -> Figures)?>(nil)

    public init() {}

    /// Reads the figures from `read` from now on.
    public func attach(_ read: @escaping @Sendable () -> Figures) { source.withLock { $0 = read } }

    /// The `Server` record, or `nil` before a server is attached.
    var varlinkValue: JSONValue? {
        guard let figures = source.withLock({ $0 })?() else { return nil }
        return .object([
            "connections": .int(Int64(figures.connections)),
            "refused": .object(figures.refused.mapValues { .int(Int64($0)) }),
        ])
    }
}
