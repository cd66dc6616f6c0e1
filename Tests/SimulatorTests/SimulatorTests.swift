import CANBus
import FoundationEssentials
import GeniusTestSupport
import JSON
import Simulator
import Testing
import VSS
import VehicleSignals

enum Demo {
    static let vehicle = repositoryRoot + "/can-dbc/demo-ev/vehicle.json"
    static let start = CANTimestamp(nanoseconds: 1_767_225_600_000_000_000)
    static let scenarios = [
        "city-drive", "highway", "charging-session", "slow-tyre-leak", "door-ajar-while-moving", "low-washer-fluid",
        "parked-overnight", "ecu-silence",
    ]

    static func mapping(_ side: DriveSide = .left) throws -> VehicleMapping {
        try VehicleDefinition.load(path: vehicle, driveSide: side).compile()
    }

    static func scenario(_ name: String) throws -> Scenario {
        try Scenario.load(path: repositoryRoot + "/can-dbc/demo-ev/scenarios/\(name).json")
    }

    static func at(_ seconds: Double) -> CANTimestamp {
        CANTimestamp(nanoseconds: start.nanoseconds + Int64(seconds * 1e9))
    }

    /// Runs a simulation into a store up to `seconds`, in batches as a live bus would deliver them.
    static func run(_ simulation: inout Simulation, into store: SignalStore, until seconds: Double) {
        var frames: [CANFrame] = []
        var t = simulation.elapsed
        while t < seconds {
            t = min(seconds, t + 1)
            frames.removeAll(keepingCapacity: true)
            simulation.run(until: t, into: &frames)
            store.ingest(frames)
        }
    }
}

@Suite struct RoundTripTests {
    /// Paths the mapping derives from other paths' signals: their expected value comes from the state.
    static func derived(_ path: String, _ state: [String: SignalValue]) -> SignalValue? {
        func number(_ key: String) -> Double? { state[key]?.doubleValue }
        switch path {
        case "Vehicle.IsMoving": return number("Vehicle.Speed").map { .bool($0 > 0.5) }
        case "Vehicle.Powertrain.TractionBattery.Range": return state["Vehicle.Powertrain.Range"]
        case "Vehicle.Powertrain.TractionBattery.Charging.IsChargePortFlapOpen":
            return state["Vehicle.Powertrain.TractionBattery.Charging.ChargePortFlap"].map { .bool($0 == .string("OPEN")) }
        case "Vehicle.Powertrain.TractionBattery.CurrentPower":
            guard let volts = number("Vehicle.Powertrain.TractionBattery.CurrentVoltage"),
                let amperes = number("Vehicle.Powertrain.TractionBattery.CurrentCurrent")
            else { return nil }
            return .number(volts * amperes)
        default:
            if path.hasSuffix(".Window.IsOpen") {
                return number(path.replacing(".IsOpen", with: ".Position")).map { .bool($0 > 0) }
            }
            return nil
        }
    }

    /// State → frames → decode → mapping → store gives the state back, for every mapped path, within the DBC's resolution.
    @Test(arguments: [("city-drive", 300.0), ("highway", 400), ("charging-session", 1200), ("door-ajar-while-moving", 60), ("slow-tyre-leak", 4000)])
    func everyMappedPathSurvivesTheRoundTrip(scenario name: String, at seconds: Double) throws {
        let mapping = try Demo.mapping()
        var simulation = Simulation(mapping: mapping, scenario: try Demo.scenario(name), start: Demo.start)
        simulation.skip(to: seconds)
        // The state now, and one frame of every message (every multiplexer value) encoded from it.
        let (state, signals) = simulation.model.vssValues()
        var encoder = MappingEncoder(mapping: mapping)
        let store = SignalStore(mapping: mapping)
        let now = Demo.at(seconds)
        for (index, message) in encoder.messages.enumerated() {
            for multiplexer in message.multiplexerValues.isEmpty ? [nil] : message.multiplexerValues.map(Optional.some) {
                store.ingest(encoder.frame(index, values: state, signals: signals, multiplexer: multiplexer, at: now, interface: "can0"))
            }
        }
        #expect(store.statistics.decodeErrors == 0)
        #expect(store.statistics.checksumErrors == 0)
        var checked = 0
        for slot in mapping.slots {
            let reading = store.read(slot.path, now: now)
            let expected = try #require(state[slot.path] ?? Self.derived(slot.path, state), "\(slot.path): the model gives no value")
            #expect(reading.status == .available, "\(slot.path)")
            let got = try #require(reading.value, "\(slot.path) has no value")
            switch (expected, got) {
            case (.bool, _), (.string, _):
                #expect(got == expected, "\(slot.path)")
            default:
                let want = try #require(expected.doubleValue)
                let have = try #require(got.doubleValue)
                var tolerance = (slot.resolution ?? 0) + (slot.info.datatype.isInteger ? 1 : 0)
                if slot.info.datatype == .float { tolerance += Swift.abs(want) * 1e-6 }
                if slot.path.hasSuffix("CurrentPower") { tolerance = Swift.abs(want) * 0.001 + 50 }
                #expect(Swift.abs(want - have) <= tolerance + 1e-9, "\(slot.path): sent \(want), stored \(have), tolerance \(tolerance)")
            }
            checked += 1
        }
        #expect(checked == mapping.slots.count)
    }

    @Test func theStoreFollowsTheSimulatedCarForTheWholeDrive() throws {
        let mapping = try Demo.mapping()
        var simulation = Simulation(mapping: mapping, scenario: try Demo.scenario("door-ajar-while-moving"), start: Demo.start)
        let store = SignalStore(mapping: mapping)
        Demo.run(&simulation, into: store, until: 120)
        let now = Demo.at(120)
        #expect(store.read("Vehicle.Cabin.Door.Row2.PassengerSide.IsOpen", now: now).value == .bool(true))
        #expect(store.read("Vehicle.IsMoving", now: now).status == .available)
        #expect(store.statistics.framesMapped == store.statistics.framesIngested)
        Demo.run(&simulation, into: store, until: 200)
        #expect(store.read("Vehicle.Cabin.Door.Row2.PassengerSide.IsOpen", now: Demo.at(200)).value == .bool(false))
    }
}

@Suite struct ScenarioTests {
    @Test(arguments: Demo.scenarios)
    func everyScenarioLoadsAndRuns(name: String) throws {
        let mapping = try Demo.mapping()
        let scenario = try Demo.scenario(name)
        #expect(!scenario.description.isEmpty)
        var simulation = Simulation(mapping: mapping, scenario: scenario, start: Demo.start)
        var frames: [CANFrame] = []
        simulation.run(until: 10, into: &frames)
        #expect(!frames.isEmpty)
        #expect(zip(frames, frames.dropFirst()).allSatisfy { $0.timestamp <= $1.timestamp })
        #expect(frames.allSatisfy { $0.timestamp >= Demo.start && $0.timestamp < Demo.at(10) })
    }

    @Test func eachMessageIsSentAtItsCycleTime() throws {
        let mapping = try Demo.mapping()
        var simulation = Simulation(mapping: mapping, scenario: try Demo.scenario("highway"), start: Demo.start)
        var frames: [CANFrame] = []
        simulation.run(until: 10, into: &frames)
        let speed = frames.filter { $0.id == CANIdentifier(standard: 0x120) }
        #expect(speed.count == 500)  // 20 ms
        #expect(frames.filter { $0.id == CANIdentifier(standard: 0x3B0) }.count == 40)  // 250 ms
        let gnss = frames.filter { $0.id == CANIdentifier(standard: 0x400) }
        #expect(gnss.count == 100)
        #expect(gnss.allSatisfy { $0.isFD && $0.data.count == 24 })
    }

    @Test func ecuSilenceMakesValuesStaleAndTheyRecover() throws {
        let mapping = try Demo.mapping()
        var simulation = Simulation(mapping: mapping, scenario: try Demo.scenario("ecu-silence"), start: Demo.start)
        let store = SignalStore(mapping: mapping)
        let tyre = "Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Pressure"
        Demo.run(&simulation, into: store, until: 59)
        #expect(store.read(tyre, now: Demo.at(59)).status == .available)
        Demo.run(&simulation, into: store, until: 70)
        let stale = store.read(tyre, now: Demo.at(70))
        #expect(stale.status == .stale)
        let since = try #require(stale.staleSince)
        // The last FL frame came at most one round (1 s) before the stop at 60 s; stale 3 s later.
        #expect(since >= Demo.at(62) && since <= Demo.at(63.01))
        #expect(store.read("Vehicle.Speed", now: Demo.at(70)).status == .available)
        Demo.run(&simulation, into: store, until: 102)
        #expect(store.read(tyre, now: Demo.at(102)).status == .available)
        Demo.run(&simulation, into: store, until: 123)
        #expect(store.read("Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed", now: Demo.at(123)).status == .stale)
        Demo.run(&simulation, into: store, until: 127)
        #expect(store.read("Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed", now: Demo.at(127)).status == .available)
    }

    @Test func aPathMadeUnavailableIsSentAsItsSNARawValue() throws {
        let mapping = try Demo.mapping()
        let scenario = Scenario(
            name: "sna", duration: 5,
            events: [
                ScenarioEvent(
                    at: 1, action: "notAvailable", arguments: ["path": .string("Vehicle.Powertrain.TractionBattery.StateOfCharge.Current")]),
                ScenarioEvent(at: 1, action: "notAvailable", arguments: ["path": .string("Vehicle.Exterior.AirTemperature")]),
            ])
        var simulation = Simulation(mapping: mapping, scenario: scenario, start: Demo.start)
        let store = SignalStore(mapping: mapping)
        Demo.run(&simulation, into: store, until: 3)
        let soc = store.read("Vehicle.Powertrain.TractionBattery.StateOfCharge.Current", now: Demo.at(3))
        #expect(soc.status == .notAvailable)
        #expect(soc.provenance?.rawValue == 0x3FF)
        let outside = store.read("Vehicle.Exterior.AirTemperature", now: Demo.at(3))
        #expect(outside.status == .notAvailable)
        #expect(outside.provenance?.rawValue == -32768)  // Motorola, signed: 0x8000
        #expect(store.read("Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed", now: Demo.at(3)).status == .available)
    }

    @Test func aSlowLeakShowsInTheHistoryAndTriggersTheWarning() throws {
        let mapping = try Demo.mapping()
        // The slow-tyre-leak scenario's events, with a faster leak to keep the test short.
        var scenario = try Demo.scenario("slow-tyre-leak")
        scenario.events = [
            ScenarioEvent(at: 1, action: "drive", arguments: ["profile": .string("city")]),
            ScenarioEvent(at: 1, action: "tyreLeak", arguments: ["wheel": .string("RL"), "kPaPerHour": .double(240)]),
        ]
        var simulation = Simulation(mapping: mapping, scenario: scenario, start: Demo.start)
        let store = SignalStore(mapping: mapping, configuration: .init(historyCapacity: 120, historyInterval: .seconds(10), clock: { Demo.at(900) }))
        Demo.run(&simulation, into: store, until: 900)
        let leaking = store.history("Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.Pressure").compactMap { $0.value.doubleValue }
        let healthy = store.history("Vehicle.Chassis.Axle.Row2.Wheel.Right.Tire.Pressure").compactMap { $0.value.doubleValue }
        #expect(leaking.count >= 85)
        #expect(leaking.first! - leaking.last! > 40)  // 60 kPa in 15 minutes, partly offset by the warming tyre
        #expect(healthy.last! >= healthy.first!)  // warms up while driving, never leaks
        #expect(store.read("Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.IsPressureLow").value == .bool(true))
        #expect(store.read("Vehicle.Chassis.Axle.Row2.Wheel.Right.Tire.IsPressureLow").value == .bool(false))
        #expect(store.read("Vehicle.Cabin.Telltale.TirePressure.IsOn").value == .bool(true))
    }

    @Test func chargingFollowsTheCurveAndStopsAtTheLimit() throws {
        let mapping = try Demo.mapping()
        var simulation = Simulation(mapping: mapping, scenario: try Demo.scenario("charging-session"), start: Demo.start)
        let store = SignalStore(mapping: mapping)
        let soc = "Vehicle.Powertrain.TractionBattery.StateOfCharge.Current"
        let time = "Vehicle.Powertrain.TractionBattery.Charging.TimeToComplete"
        simulation.skip(to: 297)
        Demo.run(&simulation, into: store, until: 300)
        let early = store.read([soc, time, "Vehicle.Powertrain.TractionBattery.Charging.IsCharging"], now: Demo.at(300)).map(\.value)
        simulation.skip(to: 897)
        Demo.run(&simulation, into: store, until: 900)
        let later = store.read([soc, time], now: Demo.at(900)).map(\.value)
        #expect(early[2] == .bool(true))
        let socEarly = try #require(early[0]?.doubleValue), socLater = try #require(later[0]?.doubleValue)
        let timeEarly = try #require(early[1]?.doubleValue), timeLater = try #require(later[1]?.doubleValue)
        #expect(socLater > socEarly + 15)
        #expect(timeLater < timeEarly)
        // Below 50 % a 150 kW charger adds about 2.5 % a minute (77 kWh battery); above 50 % it tapers.
        #expect((socLater - socEarly) / 10 > 1.2)
        simulation.skip(to: 2297)
        Demo.run(&simulation, into: store, until: 2300)
        let end = store.read(
            [soc, "Vehicle.Powertrain.TractionBattery.Charging.IsCharging", "Vehicle.Powertrain.TractionBattery.Charging.IsChargingCableConnected"],
            now: Demo.at(2300))
        #expect(abs(try #require(end[0].value?.doubleValue) - 80) < 1)
        #expect(end[1].value == .bool(false))
        #expect(end[2].value == .bool(true))
    }

    @Test func parkedOvernightTheBusSleepsAndTheCarCools() throws {
        let mapping = try Demo.mapping()
        var simulation = Simulation(mapping: mapping, scenario: try Demo.scenario("parked-overnight"), start: Demo.start)
        let store = SignalStore(mapping: mapping)
        Demo.run(&simulation, into: store, until: 100)
        let evening = store.read(
            ["Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Pressure", "Vehicle.Cabin.HVAC.AmbientAirTemperature"], now: Demo.at(100))
        Demo.run(&simulation, into: store, until: 20_000)
        let night = store.read("Vehicle.Speed", now: Demo.at(20_000))
        #expect(night.status == .stale)  // the bus is asleep
        #expect(night.age > 19_000)
        simulation.skip(to: 36_190)
        Demo.run(&simulation, into: store, until: 36_200)
        let morning = store.read(
            ["Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Pressure", "Vehicle.Cabin.HVAC.AmbientAirTemperature"], now: Demo.at(36_200))
        #expect(morning.allSatisfy { $0.status == .available })
        #expect(try #require(morning[0].value?.doubleValue) < (try #require(evening[0].value?.doubleValue)))
        #expect(try #require(morning[1].value?.doubleValue) < 2)
    }

    @Test func scenarioErrorsNameTheFileAndProblem() {
        #expect(
            throws: SimulatorError.scenario(
                file: "bad.json",
                problem:
                    "events[0]: unknown action \"fly\" (known: \(["buckle", "closeDoor", "closeFrunk", "closeHood", "closeTrunk", "closeWindow", "drive", "lights", "lock", "notAvailable", "openDoor", "openFrunk", "openHood", "openTrunk", "openWindow", "park", "plugIn", "refillWasher", "resumeMessage", "set", "setChargeLimit", "sleep", "stopMessage", "sunroof", "tyreLeak", "unbuckle", "unlock", "unplug", "wake", "washerUse"].joined(separator: ", ")))"
            )
        ) {
            try Scenario.parse(
                Data(#"{"format": "cargenius.scenario/1", "duration": 10, "events": [{"at": 1, "do": "fly"}]}"#.utf8), file: "bad.json")
        }
        #expect(throws: SimulatorError.scenario(file: "bad.json", problem: "needs a positive \"duration\" in seconds")) {
            try Scenario.parse(Data(#"{"format": "cargenius.scenario/1"}"#.utf8), file: "bad.json")
        }
    }

    @Test func theSimulatorIsAFrameSource() async throws {
        let mapping = try Demo.mapping()
        let simulation = Simulation(mapping: mapping, scenario: try Demo.scenario("city-drive"), start: Demo.start)
        var source = SimulatorSource(simulation: simulation, duration: 2, realTime: false)
        var batch: [CANFrame] = []
        var total = 0
        while try await source.receive(into: &batch) { total += batch.count }
        #expect(total > 200)
    }
}

@Suite struct DemoLogTests {
    static let logPath = repositoryRoot + "/can-dbc/demo-ev/demo-drive.log"

    /// The bundled log is exactly what the simulator writes for the demo-drive scenario.
    @Test func theBundledDemoLogIsTheSimulatorsOutput() throws {
        let mapping = try Demo.mapping()
        var simulation = Simulation(mapping: mapping, scenario: try Demo.scenario("demo-drive"), start: Demo.start)
        var frames: [CANFrame] = []
        simulation.run(until: 30, into: &frames)
        let expected = frames.map { CandumpLog.format($0) + "\n" }.joined()
        let bundled = try String(contentsOfFile: Self.logPath, encoding: .utf8)
        #expect(bundled == expected, "regenerate: geniusctl simulate demo-drive --start 1767225600 --out can-dbc/demo-ev/demo-drive.log")
    }

    @Test func replayingTheDemoLogFillsTheStore() async throws {
        let mapping = try Demo.mapping()
        let store = SignalStore(mapping: mapping, configuration: .init(clock: { Demo.at(30) }))
        let text = try String(contentsOfFile: Self.logPath, encoding: .utf8)
        var source = ReplaySource(lines: text.split(separator: "\n"))
        var batch: [CANFrame] = []
        while try await source.receive(into: &batch) { store.ingest(batch) }
        #expect(source.problems.isEmpty)
        #expect(store.statistics.framesMapped == source.framesRead)
        let readings = store.read([
            "Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.IsPressureLow", "Vehicle.Body.Windshield.Front.WasherFluid.IsLevelLow",
            "Vehicle.Cabin.Door.Row2.PassengerSide.IsOpen", "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed",
            "Vehicle.Body.Lights.Beam.Low.IsOn",
        ])
        #expect(readings.allSatisfy { $0.status == .available })
        #expect(readings[0].value == .bool(true))
        #expect(readings[1].value == .bool(true))
        #expect(readings[2].value == .bool(false))
        #expect(abs(try #require(readings[3].value?.doubleValue) - 22) <= 1)
        #expect(readings[4].value == .bool(true))
        #expect(store.history("Vehicle.Cabin.Door.Row2.PassengerSide.IsOpen").first?.value == .bool(true))
    }
}
