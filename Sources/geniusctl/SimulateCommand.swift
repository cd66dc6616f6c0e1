import ArgumentParser
import CANBus
import FoundationEssentials
import Simulator
import SystemPackage
import VSS
import VehicleSignals

#if canImport(SocketCAN)
    import SocketCAN
#endif

struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run a driving scenario on the demo car's model and write its CAN frames as a candump -L log.",
        discussion: """
            SCENARIO is a scenario name from the vehicle's scenarios/ folder (city-drive, highway, charging-session, \
            slow-tyre-leak, door-ajar-while-moving, low-washer-fluid, parked-overnight, ecu-silence) or a path to a \
            scenario file. Frames are encoded with the vehicle's DBC files at their GenMsgCycleTime, in simulated \
            time (as fast as the CPU allows), as a candump -L log. Replay the log with canplayer, or geniusctl decode. \
            With --to IFACE the frames go to that CAN interface instead, in real time at their cycle times (divided \
            by --speed); on a classic interface the CAN FD messages are left out, and said so.
            """
    )

    @Argument(help: ArgumentHelp("A scenario name or scenario file.", valueName: "SCENARIO"))
    var scenario: String?

    @Option(help: ArgumentHelp("The vehicle manifest.", valueName: "FILE"))
    var vehicle = "can-dbc/demo-ev/vehicle.json"

    @Option(help: ArgumentHelp("Seconds to simulate (default: the scenario's duration).", valueName: "S"))
    var duration: Double?

    @Option(help: ArgumentHelp("Write the log here instead of standard output.", valueName: "FILE"))
    var out: String?

    @Option(help: ArgumentHelp("Start time, seconds since the Unix epoch (default: now).", valueName: "EPOCH"))
    var start: Double?

    @Option(help: ArgumentHelp("Interface name written in the log.", valueName: "NAME"))
    var interface = "can0"

    @Option(help: ArgumentHelp("Send the frames to this CAN interface in real time (vcan0, can1) instead of writing a log.", valueName: "IFACE"))
    var to: String?

    @Option(help: "With --to: pace factor, 2 runs the scenario twice as fast as real time.")
    var speed: Double = 1

    @Option(help: ArgumentHelp("Drive side: left (default, from the manifest) or right.", valueName: "SIDE"))
    var driveSide: String?

    @Option(
        help: ArgumentHelp(
            "Also replay the frames into a signal store and write the state at the end as a JSON snapshot (VSS path → {\"value\", \"age\"}), as geniusctl ask --state reads.",
            valueName: "FILE"))
    var state: String?

    @Flag(help: "List the vehicle's scenarios and exit.")
    var list = false

    func validate() throws {
        guard speed > 0, speed.isFinite else { throw ValidationError("--speed must be a positive number") }
        if to != nil, out != nil { throw ValidationError("give --to or --out, not both") }
    }

    func run() async throws {
        let side: DriveSide?
        if let driveSide {
            guard let parsed = DriveSide(rawValue: driveSide) else { throw ValidationError("--drive-side is left or right") }
            side = parsed
        } else {
            side = nil
        }
        let definition: VehicleDefinition
        let mapping: VehicleMapping
        do {
            definition = try VehicleDefinition.load(path: vehicle, driveSide: side)
            mapping = try definition.compile()
        } catch {
            standardError("geniusctl: \(error)")
            throw ExitCode(2)
        }
        let folder = definition.directory + "/scenarios"
        if list {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for name in names.filter({ $0.hasSuffix(".json") }).sorted() {
                let loaded = try? Scenario.load(path: folder + "/" + name)
                standardOutput("\(name.dropLast(5))\t\(loaded?.description ?? "")\n")
            }
            return
        }
        guard let scenario else { throw ValidationError("give a SCENARIO (or --list)") }
        let path = scenario.hasSuffix(".json") || scenario.contains("/") ? scenario : folder + "/" + scenario + ".json"
        let loaded: Scenario
        do {
            loaded = try Scenario.load(path: path)
        } catch {
            standardError("geniusctl: \(error)")
            throw ExitCode(2)
        }
        let startTime = start.map { CANTimestamp(nanoseconds: Int64(($0 * 1e6).rounded()) * 1000) } ?? SignalStore.wallClock()
        var simulation = Simulation(
            mapping: mapping, scenario: loaded, start: startTime, interface: interface, driveSide: definition.driveSide)
        let total = duration ?? loaded.duration
        if let to {
            try await send(&simulation, scenario: loaded, duration: total, start: startTime, to: to)
            return
        }

        let descriptor: FileDescriptor
        if let out {
            do {
                descriptor = try FileDescriptor.open(
                    FilePath(out), .writeOnly, options: [.create, .truncate], permissions: [.ownerReadWrite, .groupRead, .otherRead])
            } catch {
                standardError("geniusctl: cannot write \(out): \(error)")
                throw ExitCode(2)
            }
        } else {
            descriptor = .standardOutput
        }
        defer { if out != nil { try? descriptor.close() } }

        let store = SignalStore(
            mapping: mapping,
            configuration: .init(clock: { [total] in
                CANTimestamp(nanoseconds: startTime.nanoseconds + Int64(total * 1e9))
            }))
        var frames: [CANFrame] = []
        var written = 0
        var offset = 0.0
        while offset < total {
            offset = min(total, offset + 10)
            frames.removeAll(keepingCapacity: true)
            simulation.run(until: offset, into: &frames)
            var text = ""
            text.reserveCapacity(frames.count * 40)
            for frame in frames {
                text += CandumpLog.format(frame)
                text += "\n"
            }
            do {
                _ = try descriptor.writeAll(text.utf8)
            } catch {
                standardError("geniusctl: write failed: \(error)")
                throw ExitCode(1)
            }
            written += frames.count
            if state != nil { store.ingest(frames) }
        }
        standardError("geniusctl: \(loaded.name): \(written) frames over \(total) s")
        if let state { try writeState(store, to: state) }
    }

    /// Sends the simulation's frames to a CAN interface, each when its simulated time comes (divided by `speed`).
    func send(_ simulation: inout Simulation, scenario: Scenario, duration total: Double, start: CANTimestamp, to name: String) async throws {
        #if canImport(SocketCAN)
            let socket: CANSocket
            do {
                socket = try CANSocket(interface: name, options: .sendOnly)
            } catch {
                standardError("geniusctl simulate: \(error)")
                throw ExitCode(error == .canUnsupported ? 69 : 1)
            }
            let clock = ContinuousClock()
            // Set when the first half second is simulated, so that building the model does not delay the pace.
            var started: ContinuousClock.Instant?
            var frames: [CANFrame] = []
            var sent = 0
            var skippedFD = 0
            var offset = 0.0
            while offset < total {
                // Half a second of frames at a time: little memory, and the first frame goes out at once.
                offset = min(total, offset + 0.5)
                frames.removeAll(keepingCapacity: true)
                simulation.run(until: offset, into: &frames)
                let origin = started ?? clock.now
                started = origin
                for frame in frames {
                    let due = origin + .nanoseconds(Int64(Double(frame.timestamp.nanoseconds - start.nanoseconds) / speed))
                    if due > clock.now { try await Task.sleep(until: due, clock: clock) }
                    do {
                        try socket.send(frame)
                    } catch .fdNotSupported {
                        skippedFD += 1
                        continue
                    } catch {
                        standardError("geniusctl simulate: after \(sent) frames: \(error)")
                        throw ExitCode(1)
                    }
                    sent += 1
                }
            }
            if skippedFD > 0 {
                standardError("geniusctl simulate: \(name) is a classic CAN interface: \(skippedFD) CAN FD frames left out")
            }
            standardError(
                "geniusctl simulate: \(scenario.name): \(sent) frames sent to \(name) over \(total) s (in \(clock.now - (started ?? clock.now)))")
        #else
            standardError("geniusctl simulate: sending to an interface needs Linux (SocketCAN)")
            throw ExitCode(69)
        #endif
    }

    /// The store's usable readings as `{"path": {"value": V, "age": SECONDS}}`; unavailable paths are left out.
    func writeState(_ store: SignalStore, to path: String) throws {
        struct Entry: Encodable {
            var value: SignalValue
            var isInteger: Bool
            var age: Double
            enum Keys: String, CodingKey { case value, age }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                switch value {
                case .bool(let flag): try container.encode(flag, forKey: .value)
                case .number(let number) where isInteger: try container.encode(Int64(number), forKey: .value)
                case .number(let number): try container.encode(number, forKey: .value)
                case .string(let text): try container.encode(text, forKey: .value)
                case .strings(let texts): try container.encode(texts, forKey: .value)
                }
                try container.encode(age, forKey: .age)
            }
        }
        var entries: [String: Entry] = [:]
        let now = store.configuration.clock()
        for reading in store.read(store.capabilities.map(\.path), now: now) {
            guard let value = reading.value, let received = reading.receivedAt else { continue }
            let (seconds, attoseconds) = Duration.nanoseconds(now.nanoseconds - received.nanoseconds).components
            entries[reading.path] = Entry(
                value: value, isInteger: reading.datatype?.isInteger ?? false,
                age: max(0, (Double(seconds) + Double(attoseconds) / 1e18 * 1000).rounded() / 1000))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try encoder.encode(entries).write(to: URL(filePath: path))
        } catch {
            standardError("geniusctl: cannot write \(path): \(error)")
            throw ExitCode(2)
        }
        standardError("geniusctl: state of \(entries.count) signals written to \(path)")
    }
}
