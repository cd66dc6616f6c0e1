public import CANBus
import VSS
public import VehicleSignals

/// Runs a scenario through the vehicle model and encodes its frames at each message's cycle time.
///
/// Time is simulated: frames carry `start` + simulated offset as timestamps, and `run(until:)` is as
/// fast as the CPU allows. `SimulatorSource` paces it to real time for a live in-process bus.
public struct Simulation: Sendable {
    public let scenario: Scenario
    public let start: CANTimestamp
    public let interface: String
    public let driveSide: DriveSide
    public private(set) var model: VehicleModel
    var encoder: MappingEncoder
    /// Next transmission of each message, nanoseconds after `start`.
    var due: [Int64]
    var rotation: [Int]
    var silenced: Set<String> = []
    var nextEvent = 0
    var cache: (values: [String: SignalValue], signals: [String: Double])
    var cacheTime = -1.0

    /// The model's step, seconds; 1 s while the bus sleeps.
    static let step = 0.1

    public init(mapping: VehicleMapping, scenario: Scenario, start: CANTimestamp, interface: String = "can0", driveSide: DriveSide = .left) {
        self.scenario = scenario
        self.start = start
        self.interface = interface
        self.driveSide = driveSide
        self.model = VehicleModel(initial: scenario.initial)
        self.encoder = MappingEncoder(mapping: mapping)
        // Spread the first transmissions so that messages do not all start at once.
        self.due = encoder.messages.enumerated().map { index, message in
            Int64((index * 7) % max(1, message.cycleTime ?? 1000)) * 1_000_000
        }
        self.rotation = Array(repeating: 0, count: encoder.messages.count)
        self.cache = model.vssValues(driveSide: driveSide)
        applyEvents()
    }

    /// Simulated seconds since the start: how far `run` or `skip` has gone.
    public private(set) var elapsed = 0.0

    /// Appends every frame due before `offset` (seconds after the start) to `frames`, in time order.
    public mutating func run(until offset: Double, into frames: inout [CANFrame]) {
        let limit = Int64(offset * 1e9)
        while true {
            var earliest = -1
            for index in due.indices where encoder.messages[index].cycleTime != nil {
                if earliest < 0 || due[index] < due[earliest] { earliest = index }
            }
            guard earliest >= 0, due[earliest] < limit else { break }
            if model.isAsleep {
                // The bus sleeps: nothing is sent until the model wakes or the limit comes.
                let wake = min(Double(limit) / 1e9, max(model.time + Self.step, nextEventTime))
                skip(to: min(wake, Double(limit) / 1e9))
                if model.isAsleep, model.time + Self.step > Double(limit) / 1e9 { break }
                continue
            }
            let time = due[earliest]
            advanceModel(to: Double(time) / 1e9)
            let message = encoder.messages[earliest]
            due[earliest] += Int64(message.cycleTime ?? 1000) * 1_000_000
            if model.isAsleep || silenced.contains(message.name) { continue }
            if cacheTime != model.time {
                cache = model.vssValues(driveSide: driveSide)
                cacheTime = model.time
            }
            var multiplexer: Int64?
            if !message.multiplexerValues.isEmpty {
                multiplexer = message.multiplexerValues[rotation[earliest] % message.multiplexerValues.count]
                rotation[earliest] += 1
            }
            frames.append(
                encoder.frame(
                    earliest, values: cache.values, signals: cache.signals, multiplexer: multiplexer,
                    at: CANTimestamp(nanoseconds: start.nanoseconds + time), interface: interface))
        }
        advanceModel(to: offset)
        elapsed = max(elapsed, offset)
    }

    /// Advances the model to `offset` seconds after the start without producing frames (fast-forward);
    /// messages resume at their cycle times from there.
    public mutating func skip(to offset: Double) {
        advanceModel(to: offset)
        elapsed = max(elapsed, offset)
        let now = Int64(offset * 1e9)
        for index in due.indices {
            guard let cycle = encoder.messages[index].cycleTime else { continue }
            let period = Int64(cycle) * 1_000_000
            if due[index] < now { due[index] += (now - due[index] + period - 1) / period * period }
        }
    }

    mutating func advanceModel(to time: Double) {
        while model.time + Self.step <= time + 1e-9 {
            let dt = model.isAsleep && nextEventTime > model.time + 1 ? min(1.0, time - model.time) : Self.step
            model.step(max(Self.step, dt))
            applyEvents()
        }
    }

    var nextEventTime: Double { nextEvent < scenario.events.count ? scenario.events[nextEvent].at : .infinity }

    mutating func applyEvents() {
        while nextEvent < scenario.events.count, scenario.events[nextEvent].at <= model.time + 1e-9 {
            let event = scenario.events[nextEvent]
            switch event.action {
            case "stopMessage": if let name = event.string("message") { silenced.insert(name) }
            case "resumeMessage": if let name = event.string("message") { silenced.remove(name) }
            default: model.apply(event)
            }
            nextEvent += 1
        }
    }
}

/// The simulator as a frame source: the daemon's embedded bus when no CAN interface is configured.
///
/// With `realTime`, frames are handed over when due (timestamps from the wall clock at start);
/// without it, as fast as they are taken. The source ends after `duration` seconds.
public struct SimulatorSource: FrameSource {
    var simulation: Simulation
    let duration: Double
    let realTime: Bool
    let batchInterval: Double
    let clock = ContinuousClock()
    var startInstant: ContinuousClock.Instant?

    public init(simulation: Simulation, duration: Double? = nil, realTime: Bool = true, batchInterval: Duration = .milliseconds(10)) {
        self.simulation = simulation
        self.duration = duration ?? simulation.scenario.duration
        self.realTime = realTime
        let (seconds, attoseconds) = batchInterval.components
        self.batchInterval = max(0.001, Double(seconds) + Double(attoseconds) / 1e18)
    }

    public mutating func receive(into batch: inout [CANFrame]) async throws -> Bool {
        batch.removeAll(keepingCapacity: true)
        while batch.isEmpty {
            let elapsed = simulation.elapsed
            guard elapsed < duration else { return false }
            let next = min(duration, elapsed + batchInterval)
            if realTime {
                let start = startInstant ?? clock.now
                startInstant = start
                try await clock.sleep(until: start.advanced(by: .milliseconds(Int64(next * 1000))), tolerance: .milliseconds(1))
            }
            simulation.run(until: next, into: &batch)
        }
        return true
    }
}
