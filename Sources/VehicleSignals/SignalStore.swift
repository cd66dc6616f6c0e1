public import CANBus
import DBC
import FoundationEssentials
import Synchronization

/// The latest value of every mapped VSS path, with its age, validity and provenance.
///
/// Frames go in by batch (`ingest`): decode, map and store under one lock per batch, with no
/// allocation per frame. Reads never fail on an unknown path: it reads as `notProvided`.
///
/// Staleness is computed when read: a value is `stale` once `now − receivedAt` exceeds its slot's
/// `staleAfter` (by default 3 × its message's `GenMsgCycleTime`, times the multiplexer round for a
/// multiplexed value), and `staleSince` is `receivedAt + staleAfter`. A frame that arrives makes it fresh again.
public final class SignalStore: Sendable {
    /// Tuning for history and notifications.
    public struct Configuration: Sendable {
        /// Samples kept per path (a ring; the oldest go first).
        public var historyCapacity: Int
        /// At most one history sample per path per this interval.
        public var historyInterval: Duration
        /// Where "now" comes from for ages and staleness: nanoseconds since the Unix epoch, like kernel timestamps.
        public var clock: @Sendable () -> CANTimestamp
        /// Changes each subscriber may have waiting before the oldest are dropped.
        public var subscriberBuffer: Int

        public init(
            historyCapacity: Int = 360, historyInterval: Duration = .seconds(10),
            clock: @escaping @Sendable () -> CANTimestamp = SignalStore.wallClock, subscriberBuffer: Int = 1024
        ) {
            self.historyCapacity = historyCapacity
            self.historyInterval = historyInterval
            self.clock = clock
            self.subscriberBuffer = subscriberBuffer
        }
    }

    /// Counters since the store was created.
    public struct Statistics: Sendable, Hashable {
        public var framesIngested = 0
        public var framesMapped = 0
        /// Frames whose identifier no mapped message has.
        public var framesUnknown = 0
        /// Frames the codec rejected (too short, undefined multiplexer value).
        public var decodeErrors = 0
        public var checksumErrors = 0
    }

    /// The wall clock, as a CAN timestamp.
    public static let wallClock: @Sendable () -> CANTimestamp = {
        CANTimestamp(nanoseconds: Int64((Date().timeIntervalSince1970 * 1e9).rounded()))
    }

    public let mapping: VehicleMapping
    public let configuration: Configuration
    let state: Mutex<State>

    struct SlotState {
        var value: SignalValue?
        /// available, notAvailable or invalid as last set; stale is derived when read.
        var validity: Validity = .notAvailable
        var received: Int64 = 0
        var hasReceived = false
        var raw: Int64 = 0
        var interface: String = ""
        var restored = false
        var lastHistory: Int64 = .min
        var historyHead = 0
        var historyCount = 0
        var history: [HistorySample] = []
    }

    struct Subscriber {
        var id: Int
        var wants: [Bool]
        var continuation: AsyncStream<SignalReading>.Continuation
    }

    struct State: ~Copyable {
        var slots: [SlotState]
        var decoded: DBCDecodedSignals
        var statistics = Statistics()
        /// Bumped on every change; persistence writes only when it moved.
        var version: UInt64 = 0
        var subscribers: [Subscriber] = []
        var watched: [Bool]
        var pending: [Int] = []
        var pendingMark: [Bool]
        var nextSubscriber = 0
        var staleNotified: [Bool]
    }

    public init(mapping: VehicleMapping, configuration: Configuration = Configuration()) {
        self.mapping = mapping
        self.configuration = configuration
        let capacity = max(1, configuration.historyCapacity)
        var slots: [SlotState] = []
        slots.reserveCapacity(mapping.slots.count)
        for _ in mapping.slots {
            var slot = SlotState()
            slot.history = [HistorySample](repeating: HistorySample(time: CANTimestamp(nanoseconds: 0), value: .bool(false)), count: capacity)
            slots.append(slot)
        }
        var pending: [Int] = []
        pending.reserveCapacity(mapping.slots.count)
        state = Mutex(State(
            slots: slots, decoded: DBCDecodedSignals(capacity: mapping.maxSignalCount), watched: Array(repeating: false, count: mapping.slots.count),
            pending: pending, pendingMark: Array(repeating: false, count: mapping.slots.count),
            staleNotified: Array(repeating: false, count: mapping.slots.count)))
    }

    // MARK: - Ingest

    /// Decodes, maps and stores a batch of frames under one lock; returns how many were mapped.
    ///
    /// Each frame's kernel timestamp becomes its values' receive time. Subscribers hear of changes
    /// after the lock is released; a slow subscriber loses its oldest changes, never blocks ingest.
    @discardableResult
    public func ingest(_ frames: borrowing [CANFrame]) -> Int {
        var notifications: [(AsyncStream<SignalReading>.Continuation, SignalReading)] = []
        let mapped = state.withLock { state -> Int in
            var mapped = 0
            for index in frames.indices {
                if ingestFrame(frames[index], state: &state) { mapped += 1 }
            }
            state.statistics.framesIngested += frames.count
            state.statistics.framesMapped += mapped
            if !state.pending.isEmpty {
                notifications = collectNotifications(&state, now: frames.last?.timestamp ?? configuration.clock())
            }
            return mapped
        }
        for (continuation, reading) in notifications { continuation.yield(reading) }
        return mapped
    }

    /// Ingests one frame (a batch of one).
    @discardableResult
    public func ingest(_ frame: CANFrame) -> Bool { ingest([frame]) == 1 }

    @inline(__always)
    private func ingestFrame(_ frame: CANFrame, state: inout State) -> Bool {
        guard let messageIndex = mapping.lookup[VehicleMapping.key(frame.id)] else {
            state.statistics.framesUnknown += 1
            return false
        }
        let message = mapping.messages[messageIndex]
        if let interface = message.interface, !frame.interface.isEmpty, frame.interface != interface {
            state.statistics.framesUnknown += 1
            return false
        }
        switch frame.kind {
        case .classic, .fd: break
        case .remote, .error: return false
        }
        let codec = mapping.networks[message.network].codec
        let time = frame.timestamp.nanoseconds
        var checksumOK = true
        let decodedOK: Bool = frame.data.withUnsafeBytes { bytes in
            do throws(DBCDecodeError) {
                try codec.decode(bytes, message: message.messageIndex, into: &state.decoded)
            } catch {
                return false
            }
            if let checksum = message.checksum, checksum.byte < bytes.count {
                let expected = checksum.algorithm.compute(
                    payload: UnsafeRawBufferPointer(rebasing: bytes[0..<min(bytes.count, message.length)]),
                    checksumByte: checksum.byte, identifier: frame.id.value)
                checksumOK = bytes[checksum.byte] == expected
            }
            return true
        }
        guard decodedOK else {
            state.statistics.decodeErrors += 1
            return false
        }
        if !checksumOK { state.statistics.checksumErrors += 1 }
        for rule in message.rules {
            apply(rule, checksumOK: checksumOK, time: time, interface: frame.interface, state: &state)
        }
        return true
    }

    @inline(__always)
    private func apply(_ rule: CompiledRule, checksumOK: Bool, time: Int64, interface: String, state: inout State) {
        let decoded = state.decoded
        for condition in rule.multiplexer {
            guard decoded.present[condition.signal], Int64(bitPattern: decoded.raw[condition.signal]) == condition.value else { return }
        }
        for input in rule.inputs where !decoded.present[input.signal] { return }
        let firstRaw = Int64(bitPattern: decoded.raw[rule.inputs[0].signal])
        var validity = Validity.available
        var value: SignalValue?
        if !checksumOK {
            validity = .invalid
        } else {
            for input in rule.inputs {
                let raw = Int64(bitPattern: decoded.raw[input.signal])
                if input.notAvailable.contains(raw) {
                    validity = .notAvailable
                    break
                }
                if input.invalid.contains(raw) { validity = .invalid }
            }
        }
        if validity == .available {
            value = compute(rule, decoded: decoded, firstRaw: firstRaw)
            if value == nil {
                validity = .invalid
            }
        }
        write(rule.slot, value: value, validity: validity, raw: firstRaw, time: time, interface: interface, state: &state)
    }

    @inline(__always)
    private func compute(_ rule: CompiledRule, decoded: DBCDecodedSignals, firstRaw: Int64) -> SignalValue? {
        switch rule.output {
        case .table(let entries):
            for entry in entries where entry.raw == firstRaw { return entry.value }
            return nil
        case .threshold(let threshold):
            let input = rule.inputs[0]
            let physical = decoded.physical[input.signal]
            if let range = input.range, !range.contains(physical) { return nil }
            return .bool(physical * input.factor + input.offset > threshold)
        case .math(let expression, let datatype):
            let input = rule.inputs[0]
            let physical = decoded.physical[input.signal]
            return Self.typed(expression.evaluate(x: physical * input.factor + input.offset), datatype)
        case .number(let datatype):
            var result = 0.0
            for (position, input) in rule.inputs.enumerated() {
                let physical = decoded.physical[input.signal]
                if let range = input.range, !range.contains(physical) { return nil }
                let stepped = physical * input.factor + input.offset
                let converted = stepped * input.scale + input.shift
                if position == 0 {
                    result = rule.combine == .product ? stepped : converted
                    if rule.combine == .any || rule.combine == .all { result = converted != 0 ? 1 : 0 }
                    continue
                }
                switch rule.combine {
                case .single: break
                case .sum: result += converted
                case .product: result *= stepped
                case .min: result = Swift.min(result, converted)
                case .max: result = Swift.max(result, converted)
                case .any: result = (result != 0 || converted != 0) ? 1 : 0
                case .all: result = (result != 0 && converted != 0) ? 1 : 0
                }
            }
            if rule.combine == .product { result = result * rule.postScale + rule.postShift }
            return Self.typed(result, datatype)
        }
    }

    @inline(__always)
    static func typed(_ number: Double, _ datatype: VSSDataType) -> SignalValue? {
        guard number.isFinite else { return nil }
        switch datatype {
        case .boolean: return .bool(number != 0)
        case .float:
            return .double(Double(Float(number)))
        case .double: return .double(number)
        case .string: return nil
        default:
            let rounded = number.rounded()
            guard let range = datatype.integerRange, range.contains(rounded) else { return nil }
            return .int(Int64(rounded))
        }
    }

    @inline(__always)
    private func write(_ slot: Int, value: SignalValue?, validity: Validity, raw: Int64, time: Int64, interface: String, state: inout State) {
        let changed = state.slots[slot].withChange(value: value, validity: validity)
        state.slots[slot].value = value
        state.slots[slot].validity = validity
        state.slots[slot].received = time
        state.slots[slot].hasReceived = true
        state.slots[slot].raw = raw
        if state.slots[slot].interface != interface { state.slots[slot].interface = interface }
        state.slots[slot].restored = false
        state.staleNotified[slot] = false
        if changed { state.version &+= 1 }
        // History: at most one sample per interval.
        if let value, validity == .available,
            state.slots[slot].lastHistory == .min || time - state.slots[slot].lastHistory >= configuration.historyInterval.nanoseconds
        {
            state.slots[slot].appendHistory(HistorySample(time: CANTimestamp(nanoseconds: time), value: value))
        }
        if changed, state.watched[slot], !state.pendingMark[slot] {
            state.pendingMark[slot] = true
            state.pending.append(slot)
        }
    }

    private func collectNotifications(_ state: inout State, now: CANTimestamp) -> [(AsyncStream<SignalReading>.Continuation, SignalReading)] {
        var result: [(AsyncStream<SignalReading>.Continuation, SignalReading)] = []
        for slot in state.pending {
            state.pendingMark[slot] = false
            let reading = makeReading(slot, state: state, now: now)
            for subscriber in state.subscribers where subscriber.wants[slot] {
                result.append((subscriber.continuation, reading))
            }
        }
        state.pending.removeAll(keepingCapacity: true)
        return result
    }

    // MARK: - Reads

    /// The current reading of one path.
    public func read(_ path: String, now: CANTimestamp? = nil) -> SignalReading {
        read([path], now: now)[0]
    }

    /// Readings of several paths in the order asked; an unknown or unmapped path reads as `notProvided`.
    public func read(_ paths: [String], now: CANTimestamp? = nil) -> [SignalReading] {
        let now = now ?? configuration.clock()
        return state.withLock { state in
            paths.map { path in
                guard let slot = mapping.slot(for: path) else { return Self.notProvided(path) }
                return makeReading(slot, state: state, now: now)
            }
        }
    }

    /// Every mapped path matching the pattern (`Vehicle.Cabin.Door.*`), sorted by path.
    public func read(matching pattern: String, now: CANTimestamp? = nil) -> [SignalReading] {
        let matcher = VSSPathPattern(pattern)
        let now = now ?? configuration.clock()
        return state.withLock { state in
            mapping.slots.indices.filter { matcher.matches(mapping.slots[$0].path) }
                .map { makeReading($0, state: state, now: now) }
                .sorted { $0.path < $1.path }
        }
    }

    /// The paths this vehicle provides, with their VSS metadata, sorted by path.
    public var capabilities: [VSSSignalInfo] {
        mapping.slots.map(\.info).sorted { $0.path < $1.path }
    }

    /// Whether the vehicle maps the path.
    public func provides(_ path: String) -> Bool { mapping.slot(for: path) != nil }

    /// The path's recent samples, oldest first (at most one per `historyInterval`).
    public func history(_ path: String) -> [HistorySample] {
        guard let slot = mapping.slot(for: path) else { return [] }
        return state.withLock { state in state.slots[slot].orderedHistory() }
    }

    public var statistics: Statistics { state.withLock { $0.statistics } }

    /// A number that changes whenever a stored value or validity changes.
    public var version: UInt64 { state.withLock { $0.version } }

    static func notProvided(_ path: String) -> SignalReading {
        let info = VSSCatalog.info(path)
        return SignalReading(path: path, unit: info?.unit, validity: .notProvided, isKnownPath: info != nil)
    }

    private func makeReading(_ slot: Int, state: borrowing State, now: CANTimestamp) -> SignalReading {
        let info = mapping.slots[slot]
        let stored = state.slots[slot]
        guard stored.hasReceived else {
            return SignalReading(path: info.path, unit: info.info.unit, validity: .notAvailable)
        }
        var validity = stored.validity
        var staleSince: CANTimestamp?
        if let staleAfter = info.staleAfter {
            let deadline = stored.received + staleAfter.nanoseconds
            if now.nanoseconds > deadline, validity == .available || stored.restored {
                validity = .stale
                staleSince = CANTimestamp(nanoseconds: deadline)
            }
        }
        let showsValue = validity == .available || validity == .stale
        return SignalReading(
            path: info.path, value: showsValue ? stored.value : nil, unit: info.info.unit,
            receivedAt: CANTimestamp(nanoseconds: stored.received),
            age: .nanoseconds(now.nanoseconds - stored.received), validity: validity, staleSince: staleSince,
            provenance: Provenance(
                interface: stored.interface, frameID: info.frameID, message: info.message, signals: info.signals, rawValue: stored.raw),
            isRestored: stored.restored)
    }

    // MARK: - Subscriptions

    /// Changes (of value or validity) of the paths matching any pattern, as readings.
    ///
    /// Also reports values going stale when `checkStaleness` runs. The stream keeps the newest
    /// `subscriberBuffer` changes; finish it by dropping it or cancelling its task.
    public func subscribe(_ patterns: [String]) -> AsyncStream<SignalReading> {
        let matchers = patterns.map(VSSPathPattern.init)
        let wants = mapping.slots.map { slot in matchers.contains { $0.matches(slot.path) } }
        let (stream, continuation) = AsyncStream.makeStream(of: SignalReading.self, bufferingPolicy: .bufferingNewest(configuration.subscriberBuffer))
        let id = state.withLock { state in
            let id = state.nextSubscriber
            state.nextSubscriber += 1
            state.subscribers.append(Subscriber(id: id, wants: wants, continuation: continuation))
            for (slot, wanted) in wants.enumerated() where wanted { state.watched[slot] = true }
            return id
        }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { state in
                state.subscribers.removeAll { $0.id == id }
                for slot in state.watched.indices {
                    state.watched[slot] = state.subscribers.contains { $0.wants[slot] }
                }
            }
        }
        return stream
    }

    /// Tells subscribers about values that went stale since the last check; returns how many did.
    ///
    /// Call it periodically (the daemon does, every 100 ms); reads do not depend on it.
    @discardableResult
    public func checkStaleness(now: CANTimestamp? = nil) -> Int {
        let now = now ?? configuration.clock()
        var notifications: [(AsyncStream<SignalReading>.Continuation, SignalReading)] = []
        let count = state.withLock { state -> Int in
            var count = 0
            for slot in mapping.slots.indices {
                guard let staleAfter = mapping.slots[slot].staleAfter, state.slots[slot].hasReceived,
                    !state.staleNotified[slot], state.slots[slot].validity == .available,
                    now.nanoseconds > state.slots[slot].received + staleAfter.nanoseconds
                else { continue }
                state.staleNotified[slot] = true
                count += 1
                if state.watched[slot] {
                    let reading = makeReading(slot, state: state, now: now)
                    for subscriber in state.subscribers where subscriber.wants[slot] {
                        notifications.append((subscriber.continuation, reading))
                    }
                }
            }
            return count
        }
        for (continuation, reading) in notifications { continuation.yield(reading) }
        return count
    }

    // MARK: - Last-known values

    /// A copy of every received value, for saving.
    public func snapshot() -> [LastKnownValue] {
        state.withLock { state in
            mapping.slots.indices.compactMap { slot -> LastKnownValue? in
                let stored = state.slots[slot]
                guard stored.hasReceived else { return nil }
                return LastKnownValue(
                    path: mapping.slots[slot].path, value: stored.value, validity: stored.validity,
                    receivedAt: stored.received, interface: stored.interface, rawValue: stored.raw)
            }
        }
    }

    /// Puts saved values back, keeping their original receive times (so their age is true); values
    /// received since the store started win. Paths this vehicle no longer maps are skipped.
    @discardableResult
    public func restore(_ values: [LastKnownValue]) -> Int {
        state.withLock { state in
            var restored = 0
            for saved in values {
                guard let slot = mapping.slot(for: saved.path), !state.slots[slot].hasReceived else { continue }
                state.slots[slot].value = saved.value
                state.slots[slot].validity = saved.validity
                state.slots[slot].received = saved.receivedAt
                state.slots[slot].hasReceived = true
                state.slots[slot].raw = saved.rawValue
                state.slots[slot].interface = saved.interface
                state.slots[slot].restored = true
                restored += 1
            }
            if restored > 0 { state.version &+= 1 }
            return restored
        }
    }
}

extension SignalStore.SlotState {
    @inline(__always)
    func withChange(value newValue: SignalValue?, validity newValidity: Validity) -> Bool {
        !hasReceived || restored || validity != newValidity || value != newValue
    }

    mutating func appendHistory(_ sample: HistorySample) {
        history[(historyHead + historyCount) % history.count] = sample
        if historyCount < history.count {
            historyCount += 1
        } else {
            historyHead = (historyHead + 1) % history.count
        }
        lastHistory = sample.time.nanoseconds
    }

    func orderedHistory() -> [HistorySample] {
        (0..<historyCount).map { history[(historyHead + $0) % history.count] }
    }
}

extension Duration {
    /// The whole duration in nanoseconds (saturating).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds.multipliedReportingOverflow(by: 1_000_000_000).partialValue &+ attoseconds / 1_000_000_000
    }
}
