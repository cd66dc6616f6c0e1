import Synchronization
public import VehicleSignals

/// The signal store the API answers from; a reload swaps in a new one without touching the connections.
///
/// Handlers take `store` once per call, so one call never mixes two stores.
public final class CurrentStore: Sendable {
    private let current: Mutex<SignalStore>

    public init(_ store: SignalStore) {
        current = Mutex(store)
    }

    public var store: SignalStore { current.withLock { $0 } }

    /// Makes `store` the one every later call reads.
    public func replace(with store: SignalStore) {
        current.withLock { $0 = store }
    }
}
