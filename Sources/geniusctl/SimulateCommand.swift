import ArgumentParser
import CANBus
import FoundationEssentials
import Simulator
import SystemPackage
import VehicleSignals

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run a driving scenario on the demo car's model and write its CAN frames as a candump -L log.",
        discussion: """
            SCENARIO is a scenario name from the vehicle's scenarios/ folder (city-drive, highway, charging-session, \
            slow-tyre-leak, door-ajar-while-moving, low-washer-fluid, parked-overnight, ecu-silence) or a path to a \
            scenario file. Frames are encoded with the vehicle's DBC files at their GenMsgCycleTime, in simulated \
            time (as fast as the CPU allows). Replay the log with canplayer, or geniusctl decode.
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

    @Option(help: ArgumentHelp("Drive side: left (default, from the manifest) or right.", valueName: "SIDE"))
    var driveSide: String?

    @Option(
        help: ArgumentHelp(
            "Also replay the frames into a signal store and write the state at the end as a JSON snapshot (VSS path → {\"value\", \"age\"}), as geniusctl ask --state reads.",
            valueName: "FILE"))
    var state: String?

    @Flag(help: "List the vehicle's scenarios and exit.")
    var list = false

    func run() throws {
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

    /// The store's usable readings as `{"path": {"value": V, "age": SECONDS}}`; unavailable paths are left out.
    func writeState(_ store: SignalStore, to path: String) throws {
        struct Entry: Encodable {
            var value: SignalValue
            var age: Double
            enum Keys: String, CodingKey { case value, age }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                switch value {
                case .bool(let flag): try container.encode(flag, forKey: .value)
                case .int(let number): try container.encode(number, forKey: .value)
                case .double(let number): try container.encode(number, forKey: .value)
                case .string(let text): try container.encode(text, forKey: .value)
                }
                try container.encode(age, forKey: .age)
            }
        }
        var entries: [String: Entry] = [:]
        for reading in store.read(store.capabilities.map(\.path)) {
            guard let value = reading.value, let age = reading.age else { continue }
            let (seconds, attoseconds) = age.components
            entries[reading.path] = Entry(value: value, age: max(0, (Double(seconds) + Double(attoseconds) / 1e18 * 1000).rounded() / 1000))
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
