import CANBus
import DBC
import FoundationEssentials
import GeniusTestSupport
import Testing
import VSS
import VehicleSignals

/// A real car: the Hyundai Kona Electric's community DBC (can-dbc/kona-ev) and a recording of a parked 2021
/// Kona (../shared/datasets/kona-ev), replayed in log time by `RecordedState`.
@Suite struct KonaRecordingTests {
    static let manifest = repositoryRoot + "/can-dbc/kona-ev/vehicle.json"
    /// Read in place from the shared datasets beside the checkout; never copied.
    static let log = repositoryRoot + "/../shared/datasets/kona-ev/kona2021-parked-no-key.log"

    static func mapping() throws -> VehicleMapping { try VehicleDefinition.load(path: manifest).compile() }

    /// A log of the given frames (`ID#DATA` on can0) at the given seconds after an arbitrary start.
    static func lines(_ frames: [(Double, String)]) -> [String] {
        frames.map { seconds, frame in
            let micros = 1_673_481_600_000_000 + Int64((seconds * 1e6).rounded())
            let fraction = String(micros % 1_000_000)
            return "(\(micros / 1_000_000).\(String(repeating: "0", count: 6 - fraction.count) + fraction)) can0 \(frame)"
        }
    }

    @Test("the original pcan.dbc, without its BS_ line, loads with a warning")
    func originalDBCLoadsWithAWarning() throws {
        let database = try DBCParser.load(path: repositoryRoot + "/can-dbc/kona-ev/pcan.dbc")
        #expect(database.messages.count == 107)
        #expect(database.warnings.contains { $0.message.hasPrefix("NS_ is not followed by a BS_: line") })
        #expect(try Self.mapping().slots.count > 20)
    }

    @Test("the parked recording: odometer, doors, ignition from real frames; the asleep VCU and BMS give nothing")
    func parkedRecordingAtItsEnd() throws {
        let state = try RecordedState.load(path: Self.log, mapping: Self.mapping())
        #expect(state.problems.isEmpty)
        #expect(state.framesReplayed == 14_294)
        // The last frame is 27.695 s after the first (the log's own timestamps).
        #expect(state.moment == state.lastFrame)
        #expect(abs(Double(state.lastFrame.nanoseconds - state.firstFrame.nanoseconds) / 1e9 - 27.6950) < 1e-3)
        let store = state.store
        // Odometer frame 5D0#8D34020000000000: 0x02348D = 144525 × 0.1 km.
        let odometer = store.read("Vehicle.TraveledDistance")
        #expect(odometer.value == .number(14452.5))
        #expect(odometer.status == .available)
        #expect(store.read("Vehicle.Cabin.Door.Row1.DriverSide.IsOpen").value == .bool(true))
        #expect(store.read("Vehicle.Cabin.Door.Row1.PassengerSide.IsOpen").value == .bool(true))
        #expect(store.read("Vehicle.LowVoltageSystemState").value == .string("OFF"))
        #expect(store.read("Vehicle.Powertrain.TractionBattery.Charging.IsChargingCableLocked").value == .bool(false))
        // The shifter woke at 26.46 s and shows "None": not available, not a gear.
        #expect(store.read("Vehicle.Powertrain.Transmission.SelectedGear").status == .notAvailable)
        #expect(store.read("Vehicle.Powertrain.Transmission.SelectedGear").receivedAt != nil)
        for path in [
            "Vehicle.Powertrain.Range", "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed",
            "Vehicle.LowVoltageBattery.CurrentVoltage",
        ] {
            let reading = store.read(path)
            #expect(reading.status == .notAvailable && reading.value == nil && reading.receivedAt == nil, "\(path)")
        }
        // The rear doors are not on the P-CAN at all.
        #expect(store.read("Vehicle.Cabin.Door.Row2.DriverSide.IsOpen").status == .notProvided)
    }

    @Test("at 15 s the driver's door was closed (it closed at 11.32 s and opened again at 26.31 s)")
    func parkedRecordingAtAMoment() throws {
        let state = try RecordedState.load(path: Self.log, mapping: Self.mapping(), at: 15)
        #expect(state.moment.nanoseconds - state.firstFrame.nanoseconds == 15_000_000_000)
        let door = state.store.read("Vehicle.Cabin.Door.Row1.DriverSide.IsOpen")
        #expect(door.value == .bool(false))
        #expect(door.status == .available)
        #expect(door.age < 0.1)
        // The shifter had not woken yet.
        #expect(state.store.read("Vehicle.Powertrain.Transmission.SelectedGear").receivedAt == nil)
    }

    @Test("a message that stops is stale in log time, with its age from the moment read")
    func messagesThatStopGoStale() throws {
        // BodyState (10 Hz) for 1 s, then only the gateway's speed (50 Hz) until 6 s: the car's body went quiet.
        var frames: [(Double, String)] = []
        for tenth in 0...10 { frames.append((Double(tenth) / 10, "541#00012200C8080000")) }
        for fiftieth in 0...300 { frames.append((Double(fiftieth) / 50, "450#00C205")) }
        frames.sort { $0.0 < $1.0 }
        let state = try RecordedState(lines: Self.lines(frames), mapping: Self.mapping(), source: "quiet.log")
        let door = state.store.read("Vehicle.Cabin.Door.Row1.DriverSide.IsOpen")
        #expect(door.status == .stale)
        #expect(door.value == .bool(true))
        #expect(abs(door.age - 5) < 1e-6)
        // Stale once three cycles (300 ms) passed after the last frame at 1 s.
        #expect(door.staleSince?.nanoseconds == state.firstFrame.nanoseconds + 1_300_000_000)
        #expect(state.store.read("Vehicle.Speed").status == .available)
        // Read at 1.2 s, the same door is still fresh.
        let earlier = try RecordedState(lines: Self.lines(frames), mapping: Self.mapping(), at: 1.2, source: "quiet.log")
        #expect(earlier.store.read("Vehicle.Cabin.Door.Row1.DriverSide.IsOpen").status == .available)
    }

    @Test("not-available raw values: range 0 while waking, 0xFF state of charge and 12 V, 0xFFFFFF odometer")
    func notAvailableRawValues() throws {
        let mapping = try Self.mapping()
        // VCU_200 byte 2 is Range (2 km/bit), bit 15 RangeLSB; BMS_542 byte 0 SocDisp (0.5 %); BatteryCharging byte 1 12 V (0.1 V).
        let waking = try RecordedState(
            lines: Self.lines([
                (0, "200#0000000000000000"), (0, "542#FF00000000000000"), (0, "596#00FF000000000000"), (0, "5D0#FFFFFF0000000000"),
            ]), mapping: mapping)
        for path in [
            "Vehicle.Powertrain.Range", "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed",
            "Vehicle.LowVoltageBattery.CurrentVoltage", "Vehicle.TraveledDistance",
        ] {
            let reading = waking.store.read(path)
            #expect(reading.status == .notAvailable && reading.value == nil && reading.receivedAt != nil, "\(path)")
        }
        // Awake: range raw 0x9D = 157 × 2 km + RangeLSB 1 km = 315 km; SoC 0x8F = 143 × 0.5 %; 12 V 0x7E = 12.6 V.
        let awake = try RecordedState(
            lines: Self.lines([(0, "200#0080000000000000"), (0.01, "200#00809D0000000000"), (0, "542#8F00000000000000"), (0, "596#007E000000000000")]
            ),
            mapping: mapping)
        #expect(awake.store.read("Vehicle.Powertrain.Range").value == .number(315_000))
        #expect(awake.store.read("Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed").value == .number(71.5))
        #expect(awake.store.read("Vehicle.LowVoltageBattery.CurrentVoltage").value == .number(Double(Float(12.6))))
    }

    @Test("a log with no frames, or a moment outside it, is an error that names the log")
    func errorsNameTheLog() throws {
        let mapping = try Self.mapping()
        #expect(throws: VehicleSignalsError.recording(file: "empty.log", problem: "holds no frames")) {
            try RecordedState(lines: ["", "# a comment"], mapping: mapping, source: "empty.log")
        }
        #expect(throws: VehicleSignalsError.recording(file: "bad.log", problem: "holds no frames (1 malformed lines)")) {
            try RecordedState(lines: ["not a frame"], mapping: mapping, source: "bad.log")
        }
        #expect(
            throws: VehicleSignalsError.recording(
                file: "short.log", problem: "the log ends 1.5 s after its first frame; cannot read it at 2 s")
        ) {
            try RecordedState(lines: Self.lines([(0, "450#00C205"), (1.5, "450#00C205")]), mapping: mapping, at: 2, source: "short.log")
        }
        // A moment past any clock is the same error, not a trap (nanoseconds beyond Int64).
        #expect(throws: VehicleSignalsError.self) {
            try RecordedState(lines: Self.lines([(0, "450#00C205"), (1.5, "450#00C205")]), mapping: mapping, at: 1e12, source: "short.log")
        }
        let skipped = try RecordedState(lines: Self.lines([(0, "450#00C205")]) + ["(1.0) can0 45"], mapping: mapping, source: "x.log")
        #expect(skipped.problems.map(\.line) == [2])
    }

    @Test("map check: the Kona mapping's topics, and the parked recording shows nothing wrong")
    func mappingCheckOnTheRecording() throws {
        let mapping = try Self.mapping()
        let text = try String(decoding: Data(contentsOf: URL(filePath: Self.log)), as: UTF8.self)
        let check = MappingCheck(mapping: mapping, lines: text.split(separator: "\n"))
        let answered = Set(check.topics.filter { !$0.paths.isEmpty }.map(\.name))
        #expect(answered == ["range", "charge", "charging", "speed", "odometer", "doors", "12 V", "power", "gear", "seat belts"])
        #expect(check.unverified.contains("Vehicle.Speed") && !check.unverified.contains("Vehicle.TraveledDistance"))
        #expect(check.framesRead == 14_294)
        #expect(check.problems.isEmpty, "\(check.problems)")
        let door = try #require(check.paths.first { $0.path == "Vehicle.Cabin.Door.Row1.DriverSide.IsOpen" })
        #expect(door.frames == 281 && door.changes == 2)
        #expect(check.notes.contains { $0.path == "Vehicle.Powertrain.Range" && $0.text == "no frame of VCU_200 in the log" })
    }

    @Test("map check: a wheel at 400 km/h, a door flipping every frame and a falling odometer look wrong")
    func mappingCheckFindsWhatLooksWrong() throws {
        var frames: [(Double, String)] = [(0, "386#0032000000000000"), (0, "5D0#8D34020000000000"), (1, "5D0#8C34020000000000")]
        for tenth in 0..<30 { frames.append((Double(tenth) / 10, tenth % 2 == 0 ? "541#00012200C8080000" : "541#00002200C8080000")) }
        frames.sort { $0.0 < $1.0 }
        let check = MappingCheck(mapping: try Self.mapping(), lines: Self.lines(frames))
        #expect(
            check.problems.map(\.description).sorted() == [
                "Vehicle.Cabin.Door.Row1.DriverSide.IsOpen: flips 29 times in 30 frames",
                "Vehicle.Chassis.Axle.Row1.Wheel.Left.Speed: 400 km/h at 0 s is outside what a car shows (-60 to 300)",
                "Vehicle.TraveledDistance: falls from 14452.5 to 14452.4 at 1 s",
            ])
    }

    @Test("the demo car's last-known values are not restored into the Kona: a path is restored only from the same source")
    func lastKnownValuesOfAnotherCarAreNotRestored() throws {
        let demo = try DemoCar.mapping()
        let demoStore = DemoCar.store(demo)
        demoStore.ingest(DemoCar.frame(demo, "VCU_Range", ["VCU_RangeEstimate": 300]))
        let saved = demoStore.snapshot()
        let range = try #require(saved.first { $0.path == "Vehicle.Powertrain.Range" })
        #expect(range.source == "VCU_Range.VCU_RangeEstimate")
        let kona = SignalStore(mapping: try Self.mapping())
        #expect(kona.restore(saved) == 0)
        #expect(kona.read("Vehicle.Powertrain.Range").status == .notAvailable)
        // The same car restores them; files written before sources were kept (source nil) still restore.
        #expect(DemoCar.store(demo).restore(saved) == saved.count)
        let unsourced = saved.map { value in
            var value = value
            value.source = nil
            return value
        }
        #expect(kona.restore(unsourced.filter { $0.path == "Vehicle.Powertrain.Range" }) == 1)
    }
}

@Suite struct MappingSuggestionTests {
    @Test(arguments: [
        ("Veh_V_Actl", ["veh", "v", "actl"]), ("KBI_Kilometerstand", ["kbi", "kilometerstand"]), ("DrvDoorSw", ["drv", "door", "sw"]),
        ("WHL_SPD_FL", ["whl", "spd", "fl"]), ("Voltage_12V", ["voltage", "12", "v"]), ("ESP_v_Signal", ["esp", "v", "signal"]),
        ("VCUStatus", ["vcu", "status"]), ("uwe596_6_TAkkuL", ["uwe", "596", "6", "t", "akku", "l"]),
    ])
    func namesSplitIntoWords(_ name: String, _ words: [String]) {
        #expect(MappingSuggestion.tokens(name) == words)
    }

    @Test("a DBC of its own: speed, odometer and doors found; a request and a limit are not the car's state")
    func suggestsFromNamesUnitsAndValueTables() throws {
        let dbc = """
            VERSION ""
            NS_ :
            BS_:
            BU_: ECU
            BO_ 256 Kombi_01: 8 ECU
             SG_ KBI_Kilometerstand : 0|20@1+ (1,0) [0|1048573] "Unit_KiloMeter" ECU
             SG_ ESP_v_Signal : 32|16@1+ (0.01,0) [0|655.32] "Unit_KiloMeterPerHour" ECU
             SG_ Veh_V_RqLim : 48|8@1+ (1,0) [0|255] "km/h" ECU
            BO_ 257 Doors: 2 ECU
             SG_ DoorOpen_FL : 0|1@1+ (1,0) [0|1] "" ECU
             SG_ DoorAjar_RR : 1|1@1+ (1,0) [0|1] "" ECU
            VAL_ 257 DoorOpen_FL 0 "Closed" 1 "Open" ;
            """
        let suggestion = MappingSuggestion(databases: [try DBCParser.parse(text: dbc, file: "car.dbc")])
        let found = Dictionary(uniqueKeysWithValues: suggestion.entries.map { ($0.path, $0) })
        #expect(found["Vehicle.TraveledDistance"]?.signal == "KBI_Kilometerstand")
        #expect(found["Vehicle.Speed"]?.signal == "ESP_v_Signal")
        #expect(found["Vehicle.Cabin.Door.Row1.DriverSide.IsOpen"]?.signal == "DoorOpen_FL")
        #expect((found["Vehicle.Cabin.Door.Row1.DriverSide.IsOpen"]?.confidence ?? 0) >= MappingSuggestion.activeConfidence)
        // One bit without a value table: proposed, but for a person to review.
        #expect((found["Vehicle.Cabin.Door.Row2.PassengerSide.IsOpen"]?.confidence ?? 1) < MappingSuggestion.activeConfidence)
        #expect(!suggestion.entries.contains { $0.signal == "Veh_V_RqLim" })
    }
}
