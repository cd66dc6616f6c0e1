public import CANBus
import DBC
import FoundationEssentials
import Synchronization
public import VSS

/// One stored point of a path's history.
public struct HistorySample: Sendable, Hashable {
    public var time: CANTimestamp
    public var value: SignalValue
}

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

    /// A value without references: a number, or an index into `State.strings`.
    struct StoredValue: Equatable {
        static let none = StoredValue(kind: 0, number: 0)
        /// 0 none, 1 bool, 2 int, 3 double, 4 string (`number` is then the string's index).
        var kind: UInt8
        var number: Double

        init(kind: UInt8, number: Double) {
            self.kind = kind
            self.number = number
        }

        func signalValue(_ strings: [String]) -> SignalValue? {
            switch kind {
            case 1: .bool(number != 0)
            case 2, 3: .number(number)
            case 4: .string(strings[Int(number)])
            default: nil
            }
        }

        init(_ value: SignalValue?, strings: inout [String]) {
            switch value {
            case .bool(let flag)?: self.init(kind: 1, number: flag ? 1 : 0)
            case .number(let number)?: self.init(kind: 3, number: number)
            case .string(let text)?:
                if let index = strings.firstIndex(of: text) {
                    self.init(kind: 4, number: Double(index))
                } else {
                    strings.append(text)
                    self.init(kind: 4, number: Double(strings.count - 1))
                }
            case .strings?, nil: self = .none
            }
        }
    }

    struct SlotState {
        var value = StoredValue.none
        /// available, notAvailable or invalid as last set; stale is derived when read.
        var validity: SignalStatus = .notAvailable
        var received: Int64 = 0
        var hasReceived = false
        var restored = false
        var staleNotified = false
        /// Index into `State.interfaces`.
        var interface: Int32 = 0
        var raw: Int64 = 0
        var lastHistory: Int64 = .min
        /// The slot's history ring in `State.history`: its oldest sample and how many it holds.
        var historyHead: Int32 = 0
        var historyCount: Int32 = 0
    }

    /// One history sample as the store keeps it: no references, so that writing one costs no retain.
    struct HistoryEntry {
        var time: Int64 = 0
        var value = StoredValue.none
    }

    struct Subscriber {
        var id: Int
        var wants: [Bool]
        var continuation: AsyncStream<SignalReading>.Continuation
    }

    /// The store's mutable state, guarded by the mutex. The per-slot tables live in buffers allocated once,
    /// so that ingest writes them through plain pointers: no copy-on-write check, retain or release per frame.
    struct State: ~Copyable {
        let slots: UnsafeMutableBufferPointer<SlotState>
        /// Every slot's history ring, `historyCapacity` entries per slot.
        let history: UnsafeMutableBufferPointer<HistoryEntry>
        /// Where one frame is decoded before it is mapped (`DBCCodec.maxSignalCount` of the largest network).
        let physical: UnsafeMutableBufferPointer<Double>
        let raw: UnsafeMutableBufferPointer<UInt64>
        let present: UnsafeMutableBufferPointer<Bool>
        /// Interface names seen, so that a slot keeps a number rather than a string.
        var interfaces: [String] = [""]
        /// String values: the mapping's table values first (same indices as `IngestPlan.values`), then restored ones.
        var strings: [String]
        var statistics = Statistics()
        /// Bumped on every change; persistence writes only when it moved.
        var version: UInt64 = 0
        var subscribers: [Subscriber] = []
        /// Per slot: whether any subscriber wants it.
        let watched: UnsafeMutableBufferPointer<Bool>
        /// Slots changed since the last notification (the first `pendingCount`), each once (`pendingMark`).
        let pending: UnsafeMutableBufferPointer<Int32>
        var pendingCount = 0
        let pendingMark: UnsafeMutableBufferPointer<Bool>
        var nextSubscriber = 0

        init(slotCount: Int, historyCapacity: Int, signalCount: Int, strings: [String]) {
            func buffer<T>(_ value: T, _ count: Int) -> UnsafeMutableBufferPointer<T> {
                let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, count))
                buffer.initialize(repeating: value)
                return UnsafeMutableBufferPointer(rebasing: buffer[0..<count])
            }
            slots = buffer(SlotState(), slotCount)
            history = buffer(HistoryEntry(), slotCount * historyCapacity)
            watched = buffer(false, slotCount)
            pending = buffer(0, slotCount)
            pendingMark = buffer(false, slotCount)
            physical = buffer(0, signalCount)
            raw = buffer(0, signalCount)
            present = buffer(false, signalCount)
            self.strings = strings
        }

        deinit {
            // All element types are trivial: nothing to deinitialize.
            slots.baseAddress?.deallocate()
            history.baseAddress?.deallocate()
            watched.baseAddress?.deallocate()
            pending.baseAddress?.deallocate()
            pendingMark.baseAddress?.deallocate()
            physical.baseAddress?.deallocate()
            raw.baseAddress?.deallocate()
            present.baseAddress?.deallocate()
        }
    }

    /// Raw pointers into the plan and the state for one batch under the lock, plus the batch's counters:
    /// the per-frame code reaches everything through it and touches no reference-counted storage.
    struct Batch {
        let messages: UnsafeMutablePointer<IngestPlan.Message>
        let rules: UnsafeMutablePointer<IngestPlan.Rule>
        let inputs: UnsafeMutablePointer<IngestPlan.Input>
        let specials: UnsafeMutablePointer<Int64>
        let tableRaw: UnsafeMutablePointer<Int64>
        let tableStored: UnsafeMutablePointer<StoredValue>
        let muxSignal: UnsafeMutablePointer<Int32>
        let muxValue: UnsafeMutablePointer<Int64>
        let checksums: UnsafeMutablePointer<ChecksumAlgorithm>
        let slots: UnsafeMutablePointer<SlotState>
        let history: UnsafeMutablePointer<HistoryEntry>
        let watched: UnsafeMutablePointer<Bool>
        let pending: UnsafeMutablePointer<Int32>
        let pendingMark: UnsafeMutablePointer<Bool>
        let physical: UnsafeMutablePointer<Double>
        let raw: UnsafeMutablePointer<UInt64>
        let present: UnsafeMutablePointer<Bool>
        let historyCapacity: Int32
        let historyInterval: Int64
        var pendingCount: Int
        var changes: UInt64 = 0
        var unknown = 0
        var decodeErrors = 0
        var checksumErrors = 0
    }

    let codecs: [DBCCodec]
    let plan: IngestPlan
    let historyIntervalNanoseconds: Int64
    let historyCapacity: Int

    public init(mapping: VehicleMapping, configuration: Configuration = Configuration()) {
        self.mapping = mapping
        self.configuration = configuration
        self.codecs = mapping.networks.map(\.codec)
        self.plan = mapping.plan
        self.historyIntervalNanoseconds = configuration.historyInterval.nanoseconds
        let capacity = max(1, configuration.historyCapacity)
        self.historyCapacity = capacity
        state = Mutex(
            State(
                slotCount: mapping.slots.count, historyCapacity: capacity,
                signalCount: mapping.networks.map(\.codec.maxSignalCount).max() ?? 0, strings: mapping.plan.strings))
    }

    // MARK: - Ingest

    /// Decodes, maps and stores a batch of frames under one lock; returns how many were mapped.
    ///
    /// Each frame's kernel timestamp becomes its values' receive time. Subscribers hear of changes
    /// after the lock is released; a slow subscriber loses its oldest changes, never blocks ingest.
    @discardableResult
    public func ingest(_ frames: borrowing [CANFrame]) -> Int {
        let (mapped, notifications) = state.withLock { state in ingestLocked(frames, state: &state) }
        if let notifications {
            for (continuation, reading) in notifications { continuation.yield(reading) }
        }
        return mapped
    }

    private func ingestLocked(
        _ frames: borrowing [CANFrame], state: inout State
    ) -> (Int, [(AsyncStream<SignalReading>.Continuation, SignalReading)]?) {
        var mapped = 0
        // One reference to the plan for the whole batch: the per-frame code borrows it.
        let plan = self.plan
        var batch = Batch(
            messages: plan.messages.baseAddress.unsafelyUnwrapped, rules: plan.rules.baseAddress.unsafelyUnwrapped,
            inputs: plan.inputs.baseAddress.unsafelyUnwrapped, specials: plan.specials.baseAddress.unsafelyUnwrapped,
            tableRaw: plan.tableRaw.baseAddress.unsafelyUnwrapped, tableStored: plan.tableStored.baseAddress.unsafelyUnwrapped,
            muxSignal: plan.muxSignal.baseAddress.unsafelyUnwrapped, muxValue: plan.muxValue.baseAddress.unsafelyUnwrapped,
            checksums: plan.checksums.baseAddress.unsafelyUnwrapped, slots: state.slots.baseAddress.unsafelyUnwrapped,
            history: state.history.baseAddress.unsafelyUnwrapped, watched: state.watched.baseAddress.unsafelyUnwrapped,
            pending: state.pending.baseAddress.unsafelyUnwrapped, pendingMark: state.pendingMark.baseAddress.unsafelyUnwrapped,
            physical: state.physical.baseAddress.unsafelyUnwrapped, raw: state.raw.baseAddress.unsafelyUnwrapped,
            present: state.present.baseAddress.unsafelyUnwrapped, historyCapacity: Int32(historyCapacity),
            historyInterval: historyIntervalNanoseconds, pendingCount: state.pendingCount)
        codecs.withUnsafeBufferPointer { codecs in
            frames.withUnsafeBufferPointer { frames in
                // Interface names are compared inline (16 bytes); a String is made only when the name changes.
                var lastName = CANInterfaceName(truncating: "")
                var lastInterface = ""
                var lastInterfaceIndex = Self.intern(lastInterface, &state.interfaces)
                for index in frames.indices {
                    if frames[index].interfaceName != lastName {
                        lastName = frames[index].interfaceName
                        lastInterface = lastName.description
                        lastInterfaceIndex = Self.intern(lastInterface, &state.interfaces)
                    }
                    if Self.ingestFrame(
                        frames, index, interface: lastInterfaceIndex, name: lastInterface, plan: plan, codecs: codecs, batch: &batch)
                    {
                        mapped += 1
                    }
                }
            }
        }
        state.statistics.framesIngested += frames.count
        state.statistics.framesMapped += mapped
        state.statistics.framesUnknown += batch.unknown
        state.statistics.decodeErrors += batch.decodeErrors
        state.statistics.checksumErrors += batch.checksumErrors
        state.version &+= batch.changes
        state.pendingCount = batch.pendingCount
        guard state.pendingCount > 0 else { return (mapped, nil) }
        return (mapped, collectNotifications(&state, now: frames.last?.timestamp ?? configuration.clock()))
    }

    /// Ingests one frame (a batch of one).
    @discardableResult
    public func ingest(_ frame: CANFrame) -> Bool { ingest([frame]) == 1 }

    static func intern(_ name: String, _ names: inout [String]) -> Int32 {
        if let index = names.firstIndex(of: name) { return Int32(index) }
        names.append(name)
        return Int32(names.count - 1)
    }

    @inline(__always)
    private static func ingestFrame(
        _ frames: UnsafeBufferPointer<CANFrame>, _ frameIndex: Int, interface: Int32, name: String, plan: IngestPlan,
        codecs: UnsafeBufferPointer<DBCCodec>, batch: inout Batch
    ) -> Bool {
        let id = frames[frameIndex].id
        guard let messageIndex = plan.message(for: id) else {
            batch.unknown += 1
            return false
        }
        let message = batch.messages[messageIndex]
        if message.interface >= 0, !name.isEmpty, name != plan.interfaceNames[Int(message.interface)] {
            batch.unknown += 1
            return false
        }
        switch frames[frameIndex].kind {
        case .classic, .fd: break
        case .remote, .error: return false
        }
        let network = Int(message.network)
        var checksumOK = true
        do throws(DBCDecodeError) {
            try codecs[network].decode(
                frames[frameIndex], message: Int(message.messageIndex), physical: batch.physical, raw: batch.raw, present: batch.present)
        } catch {
            batch.decodeErrors += 1
            return false
        }
        let byte = Int(message.checksumByte)
        if byte >= 0 {
            let algorithm = batch.checksums[messageIndex]
            frames[frameIndex].data.withUnsafeBytes { bytes in
                guard byte < bytes.count else { return }
                let expected = algorithm.compute(
                    payload: UnsafeRawBufferPointer(rebasing: bytes[0..<min(bytes.count, Int(message.length))]),
                    checksumByte: byte, identifier: id.value)
                checksumOK = bytes[byte] == expected
            }
            if !checksumOK { batch.checksumErrors += 1 }
        }
        let time = frames[frameIndex].timestamp.nanoseconds
        var ruleIndex = Int(message.ruleStart)
        let ruleEnd = ruleIndex + Int(message.ruleCount)
        while ruleIndex < ruleEnd {
            apply(
                batch.rules + ruleIndex, plan: plan, raw: batch.raw, physical: batch.physical, present: batch.present,
                checksumOK: checksumOK, time: time, interface: interface, batch: &batch)
            ruleIndex += 1
        }
        return true
    }

    @inline(__always)
    private static func apply(
        _ rule: UnsafeMutablePointer<IngestPlan.Rule>, plan: IngestPlan, raw: UnsafeMutablePointer<UInt64>, physical: UnsafeMutablePointer<Double>,
        present: UnsafeMutablePointer<Bool>, checksumOK: Bool, time: Int64, interface: Int32, batch: inout Batch
    ) {
        let inputs = batch.inputs
        let specials = batch.specials
        var condition = Int(rule.pointee.muxStart)
        let conditionEnd = condition + Int(rule.pointee.muxCount)
        while condition < conditionEnd {
            let signal = Int(batch.muxSignal[condition])
            guard present[signal], Int64(bitPattern: raw[signal]) == batch.muxValue[condition] else { return }
            condition += 1
        }
        let inputStart = Int(rule.pointee.inputStart)
        let inputEnd = inputStart + Int(rule.pointee.inputCount)
        var index = inputStart
        while index < inputEnd {
            guard present[Int(inputs[index].signal)] else { return }
            index += 1
        }
        let firstRaw = Int64(bitPattern: raw[Int(inputs[inputStart].signal)])
        var validity = SignalStatus.available
        if !checksumOK {
            validity = .invalid
        } else {
            index = inputStart
            search: while index < inputEnd {
                let value = Int64(bitPattern: raw[Int(inputs[index].signal)])
                var special = Int(inputs[index].notAvailableStart)
                let notAvailableEnd = special + Int(inputs[index].notAvailableCount)
                while special < notAvailableEnd {
                    if specials[special] == value {
                        validity = .notAvailable
                        break search
                    }
                    special += 1
                }
                special = Int(inputs[index].invalidStart)
                let invalidEnd = special + Int(inputs[index].invalidCount)
                while special < invalidEnd {
                    if specials[special] == value { validity = .invalid }
                    special += 1
                }
                index += 1
            }
        }
        var value = StoredValue.none
        if validity == .available {
            value = compute(rule, plan: plan, batch: batch, physical: physical, firstRaw: firstRaw)
            if value.kind == 0 { validity = .invalid }
        }
        write(Int(rule.pointee.slot), value: value, validity: validity, raw: firstRaw, time: time, interface: interface, batch: &batch)
    }

    @inline(__always)
    private static func compute(
        _ rule: UnsafeMutablePointer<IngestPlan.Rule>, plan: IngestPlan, batch: borrowing Batch, physical: UnsafeMutablePointer<Double>,
        firstRaw: Int64
    ) -> StoredValue {
        let inputs = batch.inputs
        let first = inputs + Int(rule.pointee.inputStart)
        switch rule.pointee.kind {
        case 2:
            var index = Int(rule.pointee.tableStart)
            let end = index + Int(rule.pointee.tableCount)
            while index < end {
                if batch.tableRaw[index] == firstRaw { return batch.tableStored[index] }
                index += 1
            }
            return .none
        case 1:
            let value = physical[Int(first.pointee.signal)]
            guard value >= first.pointee.low, value <= first.pointee.high else { return .none }
            return StoredValue(kind: 1, number: value * first.pointee.factor + first.pointee.offset > rule.pointee.threshold ? 1 : 0)
        case 3:
            let value = physical[Int(first.pointee.signal)]
            return Self.typed(
                plan.maths[Int(rule.pointee.math)].evaluate(x: value * first.pointee.factor + first.pointee.offset), rule.pointee.datatype)
        default:
            let combine = rule.pointee.combine
            var result = 0.0
            var index = Int(rule.pointee.inputStart)
            let start = index
            let end = index + Int(rule.pointee.inputCount)
            while index < end {
                let input = inputs + index
                let value = physical[Int(input.pointee.signal)]
                guard value >= input.pointee.low, value <= input.pointee.high else { return .none }
                let stepped = value * input.pointee.factor + input.pointee.offset
                let converted = stepped * input.pointee.scale + input.pointee.shift
                if index == start {
                    switch combine {
                    case .product: result = stepped
                    case .any, .all: result = converted != 0 ? 1 : 0
                    default: result = converted
                    }
                } else {
                    switch combine {
                    case .single: break
                    case .sum: result += converted
                    case .product: result *= stepped
                    case .min: result = Swift.min(result, converted)
                    case .max: result = Swift.max(result, converted)
                    case .any: result = (result != 0 || converted != 0) ? 1 : 0
                    case .all: result = (result != 0 && converted != 0) ? 1 : 0
                    }
                }
                index += 1
            }
            if combine == .product { result = result * rule.pointee.postScale + rule.pointee.postShift }
            return Self.typed(result, rule.pointee.datatype)
        }
    }

    @inline(__always)
    static func typed(_ number: Double, _ datatype: VSSDataType) -> StoredValue {
        guard number.isFinite else { return .none }
        switch datatype {
        case .boolean: return StoredValue(kind: 1, number: number != 0 ? 1 : 0)
        case .float: return StoredValue(kind: 3, number: Double(Float(number)))
        case .double: return StoredValue(kind: 3, number: number)
        case .string: return .none
        default:
            let rounded = number.rounded()
            guard let range = datatype.integerRange, range.contains(rounded) else { return .none }
            return StoredValue(kind: 2, number: rounded)
        }
    }

    @inline(__always)
    private static func write(
        _ slotIndex: Int, value: StoredValue, validity: SignalStatus, raw: Int64, time: Int64, interface: Int32, batch: inout Batch
    ) {
        let slot = batch.slots + slotIndex
        let changed = !slot.pointee.hasReceived || slot.pointee.restored || slot.pointee.validity != validity || slot.pointee.value != value
        if changed {
            slot.pointee.value = value
            slot.pointee.validity = validity
            batch.changes &+= 1
        }
        slot.pointee.received = time
        slot.pointee.hasReceived = true
        slot.pointee.raw = raw
        slot.pointee.interface = interface
        slot.pointee.restored = false
        slot.pointee.staleNotified = false
        // History: at most one sample per interval.
        if validity == .available, value.kind != 0,
            slot.pointee.lastHistory == .min || time - slot.pointee.lastHistory >= batch.historyInterval
        {
            slot.pointee.lastHistory = time
            let capacity = batch.historyCapacity
            let head = slot.pointee.historyHead
            let count = slot.pointee.historyCount
            batch.history[slotIndex * Int(capacity) + Int((head + count) % capacity)] = HistoryEntry(time: time, value: value)
            if count < capacity {
                slot.pointee.historyCount = count + 1
            } else {
                slot.pointee.historyHead = (head + 1) % capacity
            }
        }
        if changed, batch.watched[slotIndex], !batch.pendingMark[slotIndex] {
            batch.pendingMark[slotIndex] = true
            batch.pending[batch.pendingCount] = Int32(slotIndex)
            batch.pendingCount += 1
        }
    }

    private func collectNotifications(_ state: inout State, now: CANTimestamp) -> [(AsyncStream<SignalReading>.Continuation, SignalReading)] {
        var result: [(AsyncStream<SignalReading>.Continuation, SignalReading)] = []
        for slot in state.pending[0..<state.pendingCount].map(Int.init) {
            state.pendingMark[slot] = false
            let reading = makeReading(slot, state: state, now: now)
            for subscriber in state.subscribers where subscriber.wants[slot] {
                result.append((subscriber.continuation, reading))
            }
        }
        state.pendingCount = 0
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
        return state.withLock { state in
            let head = Int(state.slots[slot].historyHead)
            let base = slot * historyCapacity
            return (0..<Int(state.slots[slot].historyCount)).compactMap { offset in
                let entry = state.history[base + (head + offset) % historyCapacity]
                return entry.value.signalValue(state.strings).map { HistorySample(time: CANTimestamp(nanoseconds: entry.time), value: $0) }
            }
        }
    }

    public var statistics: Statistics { state.withLock { $0.statistics } }

    /// A number that changes whenever a stored value or validity changes.
    public var version: UInt64 { state.withLock { $0.version } }

    static func notProvided(_ path: String) -> SignalReading {
        let info = VSSCatalog.info(path)
        return SignalReading(path: path, unit: info?.unit, status: .notProvided, datatype: info?.datatype, isKnownPath: info != nil)
    }

    private func makeReading(_ slot: Int, state: borrowing State, now: CANTimestamp) -> SignalReading {
        let info = mapping.slots[slot]
        let stored = state.slots[slot]
        guard stored.hasReceived else {
            return SignalReading(path: info.path, unit: info.info.unit, status: .notAvailable, datatype: info.info.datatype)
        }
        var validity = stored.validity
        var staleSince: CANTimestamp?
        // A value restored from before a restart is never fresh, even from an event message.
        let deadline = stored.received + (info.staleAfter?.nanoseconds ?? (stored.restored ? 0 : .max - stored.received))
        if validity == .available, now.nanoseconds > deadline || stored.restored {
            validity = .stale
            staleSince = CANTimestamp(nanoseconds: min(deadline, now.nanoseconds))
        }
        let showsValue = validity == .available || validity == .stale
        return SignalReading(
            path: info.path, value: showsValue ? stored.value.signalValue(state.strings) : nil, unit: info.info.unit,
            age: max(0, Duration.nanoseconds(now.nanoseconds - stored.received).seconds), status: validity, datatype: info.info.datatype,
            receivedAt: CANTimestamp(nanoseconds: stored.received), staleSince: staleSince,
            provenance: Provenance(
                interface: state.interfaces[Int(stored.interface)], frameID: info.frameID, message: info.message, signals: info.signals,
                rawValue: stored.raw),
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
                    !state.slots[slot].staleNotified, state.slots[slot].validity == .available,
                    now.nanoseconds > state.slots[slot].received + staleAfter.nanoseconds
                else { continue }
                state.slots[slot].staleNotified = true
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

    /// When the next value goes stale if no frame comes: the earliest deadline of the values that still can,
    /// or `nil` when none can (nothing received, or all already stale). Lets a caller sleep until then.
    public func nextStalenessDeadline() -> CANTimestamp? {
        state.withLock { state -> CANTimestamp? in
            var earliest: Int64? = nil
            for slot in mapping.slots.indices {
                guard let staleAfter = mapping.slots[slot].staleAfter, state.slots[slot].hasReceived,
                    !state.slots[slot].staleNotified, state.slots[slot].validity == .available
                else { continue }
                let deadline = state.slots[slot].received + staleAfter.nanoseconds
                earliest = min(earliest ?? deadline, deadline)
            }
            return earliest.map { CANTimestamp(nanoseconds: $0) }
        }
    }

    // MARK: - Last-known values

    /// A copy of every received value, for saving.
    public func snapshot() -> [LastKnownValue] {
        state.withLock { state in
            mapping.slots.indices.compactMap { slot -> LastKnownValue? in
                let stored = state.slots[slot]
                guard stored.hasReceived else { return nil }
                return LastKnownValue(
                    path: mapping.slots[slot].path, value: stored.value.signalValue(state.strings), validity: stored.validity,
                    receivedAt: stored.received, interface: state.interfaces[Int(stored.interface)], rawValue: stored.raw,
                    source: mapping.slots[slot].source)
            }
        }
    }

    /// Puts saved values back, keeping their original receive times (so their age is true); values
    /// received since the store started win. Paths this vehicle no longer maps, or maps from another message or
    /// signal than the saved value came from (another car, a changed mapping), are skipped.
    @discardableResult
    public func restore(_ values: [LastKnownValue]) -> Int {
        state.withLock { state in
            var restored = 0
            for saved in values {
                guard let slot = mapping.slot(for: saved.path), !state.slots[slot].hasReceived,
                    saved.source == nil || saved.source == mapping.slots[slot].source
                else { continue }
                state.slots[slot].value = StoredValue(saved.value, strings: &state.strings)
                state.slots[slot].validity = saved.validity
                state.slots[slot].received = saved.receivedAt
                state.slots[slot].hasReceived = true
                state.slots[slot].raw = saved.rawValue
                state.slots[slot].interface = Self.intern(saved.interface, &state.interfaces)
                state.slots[slot].restored = true
                restored += 1
            }
            if restored > 0 { state.version &+= 1 }
            return restored
        }
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// The whole duration in nanoseconds (saturating).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds.multipliedReportingOverflow(by: 1_000_000_000).partialValue &+ attoseconds / 1_000_000_000
    }
}
