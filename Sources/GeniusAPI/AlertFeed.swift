public import CANBus
public import CarGenius
public import Speech
import Synchronization
public import VehicleSignals
import VSS

/// One alert as `io.cargenius.Vehicle.Alerts` reports it.
public struct AlertEvent: Sendable, Equatable {
    /// The kind, as the interface spells identifiers: `tire-pressure-drop`, `door-opened-while-moving`,
    /// `new-warning-lamp`, `charge-below-trip-need`.
    public var id: String
    /// What distinguishes two alerts of one kind (the wheel's path, the lamp's name).
    public var key: String
    /// info, warning or critical.
    public var severity: String
    public var text: String
    public var path: String?
    /// false when this event reports that the alert has cleared.
    public var active: Bool
    /// When the alert was raised, on the store's clock (nanoseconds since the Unix epoch).
    public var raisedAt: CANTimestamp

    public init(id: String, key: String, severity: String, text: String, path: String?, active: Bool, raisedAt: CANTimestamp) {
        self.id = id
        self.key = key
        self.severity = severity
        self.text = text
        self.path = path
        self.active = active
        self.raisedAt = raisedAt
    }
}

/// Runs Car Genius's `AlertMonitor` over the store and fans its alerts out to `Alerts` streams.
///
/// The daemon calls `observe` periodically (every 200 ms), never per frame. An alert is reported once
/// when raised and once when it clears; a new stream first gets the alerts active now.
public final class AlertFeed: Sendable {
    private let state: Mutex<State>
    /// Replies each stream may have waiting before the oldest are dropped.
    public let bufferSize: Int

    struct State {
        var monitor: AlertMonitor
        var active: [(alert: Alert, event: AlertEvent)] = []
        var subscribers: [Int: @Sendable ([AlertEvent], Bool) -> Void] = [:]
        var nextSubscriber = 0
    }

    public init(locale: GeniusLocale, bufferSize: Int = 256) {
        state = Mutex(State(monitor: AlertMonitor(locale: locale)))
        self.bufferSize = bufferSize
    }

    /// The severity of an alert kind.
    static func severity(of kind: String) -> String {
        switch kind {
        case "door_opened_while_moving": "critical"
        case "tire_pressure_drop", "new_warning_lamp", "charge_below_trip_need": "warning"
        default: "info"
        }
    }

    /// Looks at the store once; returns the events (raised and cleared) it sent to the streams.
    @discardableResult
    public func observe(_ store: SignalStore, now: CANTimestamp? = nil) -> [AlertEvent] {
        let now = now ?? store.configuration.clock()
        let signals = StoreSignals(store: store, now: now)
        let (events, subscribers) = state.withLock { state -> ([AlertEvent], [@Sendable ([AlertEvent], Bool) -> Void]) in
            let raised = state.monitor.observe(signals)
            var events: [AlertEvent] = []
            var kept: [(alert: Alert, event: AlertEvent)] = []
            for entry in state.active {
                if state.monitor.isActive(entry.alert) {
                    kept.append(entry)
                } else {
                    var cleared = entry.event
                    cleared.active = false
                    events.append(cleared)
                }
            }
            for alert in raised {
                let event = AlertEvent(
                    id: alert.kind.replacingUnderscores, key: alert.key, severity: Self.severity(of: alert.kind), text: alert.text,
                    path: alert.values.first?.path, active: true, raisedAt: now)
                kept.removeAll { $0.event.id == event.id && $0.event.key == event.key }
                kept.append((alert, event))
                events.append(event)
            }
            state.active = kept
            return (events, events.isEmpty ? [] : Array(state.subscribers.values))
        }
        for deliver in subscribers { deliver(events, false) }
        return events
    }

    /// The alerts active now, oldest first.
    public var active: [AlertEvent] { state.withLock { $0.active.map(\.event) } }

    /// Registers `deliver` for every later event and, atomically with that, calls it once with the alerts
    /// active now (`initial` true). Returns the subscription's number for `unsubscribe`.
    ///
    /// `deliver` is called on the observing task and must not block (yield into a buffered stream).
    public func subscribe(_ deliver: @escaping @Sendable (_ events: [AlertEvent], _ initial: Bool) -> Void) -> Int {
        state.withLock { state in
            let id = state.nextSubscriber
            state.nextSubscriber += 1
            state.subscribers[id] = deliver
            deliver(state.active.map(\.event), true)
            return id
        }
    }

    /// Stops delivering to subscription `id`.
    public func unsubscribe(_ id: Int) {
        _ = state.withLock { $0.subscribers.removeValue(forKey: id) }
    }

    /// How many streams listen now.
    public var subscriberCount: Int { state.withLock { $0.subscribers.count } }
}

extension String {
    fileprivate var replacingUnderscores: String { String(map { $0 == "_" ? "-" : $0 }) }
}
