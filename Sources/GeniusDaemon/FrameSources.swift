#if os(Linux)
    import CANBus
    import FoundationEssentials
    import GeniusAPI
    import Simulator
    import SocketCAN
    import Synchronization
    import VehicleSignals

    /// An opened frame source: everything that can fail is done; `makeFrames` builds the frame stream
    /// itself inside the ingest task (value-type sources stay in the task that owns them).
    struct OpenedSource: Sendable {
        let configuration: DaemonConfiguration.Source
        /// `simulator`, `replay`, or the SocketCAN interfaces.
        let names: [String]
        /// Whether the source hands over batches at a steady pace (simulator, paced replay): then a
        /// loop waiting longer than the quiet limit counts as stalled.
        let paced: Bool
        /// Builds a fresh frame stream (again at the end of a looped replay).
        let makeFrames: @Sendable () -> any FrameSource
        /// Whether the stream starts over when it ends.
        let loops: Bool
        /// Frames to ingest before READY=1, so that the first question already has values (the
        /// simulator's first second, stamped with the second before now); empty for the other sources.
        var preroll: @Sendable () -> [CANFrame] = { [] }
        let socketCAN: SocketCANSource?

        /// Stops the source's own thread (SocketCAN); safe to call twice.
        func stop() { socketCAN?.stop() }
    }

    extension OpenedSource {
        /// Opens `source` for a vehicle whose manifest lies in `vehicleDirectory`.
        static func open(
            _ source: DaemonConfiguration.Source, mapping: VehicleMapping, vehicleDirectory: String
        ) throws(GeniusDaemonError) -> OpenedSource {
            switch source {
            case .simulator(let scenarioName):
                let path =
                    scenarioName.contains("/") || scenarioName.hasSuffix(".json")
                    ? scenarioName : "\(vehicleDirectory)/scenarios/\(scenarioName).json"
                let scenario: Scenario
                guard FileManager.default.fileExists(atPath: path) else {
                    throw .scenario("no scenario \"\(scenarioName)\" (looked for \(path))")
                }
                do {
                    scenario = try Scenario.load(path: path)
                } catch {
                    throw .scenario("\(error)")
                }
                let interface = mapping.networks.compactMap(\.interface).first ?? "can0"
                var opened = OpenedSource(
                    configuration: source, names: ["simulator"], paced: true,
                    makeFrames: {
                        let simulation = Simulation(mapping: mapping, scenario: scenario, start: SignalStore.wallClock(), interface: interface)
                        // Runs on after the scenario's last event, parked or driving as it left the car.
                        return SimulatorSource(simulation: simulation, duration: 1e9, realTime: true, batchInterval: .milliseconds(10))
                    }, loops: false, socketCAN: nil)
                opened.preroll = {
                    let now = SignalStore.wallClock().nanoseconds
                    var simulation = Simulation(
                        mapping: mapping, scenario: scenario, start: CANTimestamp(nanoseconds: now - 1_000_000_000), interface: interface)
                    var frames: [CANFrame] = []
                    simulation.run(until: 1, into: &frames)
                    return frames
                }
                return opened
            case .replay(let log, let speed, let loop):
                let text: String
                do {
                    text = String(decoding: try Data(contentsOf: URL(filePath: log)), as: UTF8.self)
                } catch {
                    throw .source(name: "replay", problem: "\(log): \(DaemonConfiguration.readProblem(log))")
                }
                let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
                guard !lines.isEmpty else { throw .source(name: "replay", problem: "\(log) holds no frames") }
                return OpenedSource(
                    configuration: source, names: ["replay"], paced: speed != nil,
                    makeFrames: { RetimedSource(base: ReplaySource(lines: lines, speed: speed), paced: speed != nil) },
                    loops: loop, socketCAN: nil)
            case .socketCAN(let interfaces, let restart, let wait):
                do {
                    let reader = try SocketCANSource(
                        SocketCANConfiguration(interfaces: interfaces, waitForAbsentInterfaces: wait, restartAfterBusOff: restart))
                    return OpenedSource(
                        configuration: source, names: interfaces, paced: false, makeFrames: { reader }, loops: false, socketCAN: reader)
                } catch {
                    throw .source(name: interfaces.joined(separator: ","), problem: "\(error)")
                }
            }
        }
    }

    /// A replayed log's frames moved to the present: a paced replay keeps the logged spacing from now
    /// on; an unpaced one stamps each batch with the time it is handed over.
    struct RetimedSource<Base: FrameSource>: FrameSource {
        var base: Base
        let paced: Bool
        var offset: Int64?

        init(base: Base, paced: Bool) {
            self.base = base
            self.paced = paced
        }

        mutating func receive(into batch: inout [CANFrame]) async throws -> Bool {
            guard try await base.receive(into: &batch) else { return false }
            let now = SignalStore.wallClock().nanoseconds
            if paced {
                let shift = offset ?? (now - (batch.first?.timestamp.nanoseconds ?? now))
                offset = shift
                for index in batch.indices {
                    batch[index].timestamp = CANTimestamp(nanoseconds: batch[index].timestamp.nanoseconds + shift)
                }
            } else {
                for index in batch.indices { batch[index].timestamp = CANTimestamp(nanoseconds: now) }
            }
            return true
        }
    }

    /// The Bus interface's view of the running source: kind, state, counters and rates.
    final class SourceStatus: BusStatusProvider {
        struct Entry {
            var name: String
            var kind: String
            var rate = FrameRate()
            var frames = 0
            var linkUp = true
            var seen = false
            var busOffs = 0
        }

        private let state: Mutex<(source: OpenedSource, entries: [Entry], ended: Bool)>
        let progress: IngestProgress

        init(source: OpenedSource, progress: IngestProgress) {
            self.progress = progress
            state = Mutex((source, Self.entries(for: source), false))
        }

        static func entries(for source: OpenedSource) -> [Entry] {
            source.names.map { Entry(name: $0, kind: source.configuration.kind) }
        }

        /// Switches to a new source (a reload); counters start over.
        func replace(_ source: OpenedSource) {
            state.withLock { $0 = (source, Self.entries(for: source), false) }
        }

        func markEnded(_ ended: Bool) {
            state.withLock { $0.ended = ended }
        }

        /// A change of a SocketCAN interface worth a catalogued log entry.
        enum InterfaceEvent: Equatable {
            case lost(interface: String, link: String)
            case back(interface: String)
            case busOff(interface: String, count: Int)
        }

        /// Samples the counters (the supervisor calls it about once a second); returns the interfaces
        /// that went away, came back or went bus-off since the last sample.
        @discardableResult
        func sample(at time: Int64) -> [InterfaceEvent] {
            state.withLock { state in
                var events: [InterfaceEvent] = []
                if let reader = state.source.socketCAN {
                    let health = reader.health()
                    for index in state.entries.indices {
                        let interface = health.first { $0.interface == state.entries[index].name }
                        let total = Int(interface?.framesReceived ?? 0)
                        state.entries[index].frames = total
                        state.entries[index].rate.record(total: total, at: time)
                        guard let interface else { continue }
                        let name = state.entries[index].name
                        let wasUp = state.entries[index].linkUp
                        let isUp = interface.link == .up
                        if wasUp, !isUp { events.append(.lost(interface: name, link: interface.link.rawValue)) }
                        if !wasUp, isUp, state.entries[index].seen { events.append(.back(interface: name)) }
                        if interface.bus.busOffCount > state.entries[index].busOffs {
                            events.append(.busOff(interface: name, count: interface.bus.busOffCount))
                        }
                        state.entries[index].linkUp = isUp
                        state.entries[index].seen = true
                        state.entries[index].busOffs = interface.bus.busOffCount
                    }
                } else if !state.entries.isEmpty {
                    state.entries[0].frames = progress.frames
                    state.entries[0].rate.record(total: progress.frames, at: time)
                }
                return events
            }
        }

        /// Frames per second over all interfaces.
        var framesPerSecond: Double { state.withLock { $0.entries.reduce(0) { $0 + $1.rate.perSecond } } }

        /// The source's short name for STATUS.
        var label: String { state.withLock { $0.source.names.joined(separator: ",") } }

        func busStatus() -> [BusInterfaceStatus] {
            let (source, entries, ended) = state.withLock { ($0.source, $0.entries, $0.ended) }
            guard let reader = source.socketCAN else {
                return entries.map { entry in
                    BusInterfaceStatus(
                        name: entry.name, kind: entry.kind, state: ended ? "stopped" : "up", framesPerSecond: entry.rate.perSecond,
                        frames: progress.frames)
                }
            }
            let health = reader.health()
            return entries.map { entry in
                let interface = health.first { $0.interface == entry.name }
                var status = BusInterfaceStatus(
                    name: entry.name, kind: entry.kind, state: "down", framesPerSecond: entry.rate.perSecond,
                    frames: Int(interface?.framesReceived ?? 0), drops: Int(interface?.kernelDrops ?? 0))
                guard let interface else { return status }
                status.busOffCount = interface.bus.busOffCount
                status.rxErrors = interface.bus.receiveErrors
                status.txErrors = interface.bus.transmitErrors
                switch interface.link {
                case .absent: status.state = "absent"
                case .down: status.state = "down"
                case .up:
                    switch controllerStatus(of: entry.name) {
                    case .virtual:
                        status.state = "virtual"
                    case .controller(let state, let tx, let rx, let bitRate):
                        status.state = state == .errorActive ? interface.bus.state.rawValue : state.rawValue
                        status.txErrors = tx ?? status.txErrors
                        status.rxErrors = rx ?? status.rxErrors
                        status.bitrate = (bitRate ?? 0) > 0 ? bitRate : nil
                    case .libraryMissing, .failed:
                        status.state = interface.bus.state == .errorActive ? "up" : interface.bus.state.rawValue
                    }
                }
                return status
            }
        }
    }
#endif
