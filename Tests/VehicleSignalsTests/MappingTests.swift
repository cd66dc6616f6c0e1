import CANBus
import DBC
import FoundationEssentials
import GeniusTestSupport
import Testing
import VSS
import VehicleSignals

@Suite struct MappingTests {
    @Test func demoVehicleCompilesEveryEntry() throws {
        let mapping = try DemoCar.mapping()
        let paths = Set(mapping.slots.map(\.path))
        #expect(mapping.slots.count == paths.count)
        for path in [
            "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed", "Vehicle.Powertrain.TractionBattery.StateOfCharge.Current",
            "Vehicle.Powertrain.Range", "Vehicle.Powertrain.TractionBattery.Charging.TimeToComplete",
            "Vehicle.Chassis.Axle.Row2.Wheel.Right.Tire.Pressure", "Vehicle.Cabin.Door.Row2.PassengerSide.IsLocked",
            "Vehicle.Body.Trunk.Front.IsOpen", "Vehicle.Cabin.Seat.Row1.DriverSide.IsBelted", "Vehicle.TraveledDistance",
            "Vehicle.Service.TimeToService", "Vehicle.LowVoltageBattery.CurrentVoltage", "Vehicle.CurrentLocation.Latitude",
            "Vehicle.Cabin.Telltale.TirePressure.IsOn",
        ] {
            #expect(paths.contains(path), "\(path) is not mapped")
        }
        // Every mapped path has VSS metadata, and units that VSS defines.
        for slot in mapping.slots {
            if let unit = slot.info.unit { #expect(Units.isKnown(unit), "\(slot.path): unit \(unit)") }
        }
    }

    @Test func rightHandDriveSwapsSides() throws {
        let mapping = try DemoCar.mapping(driveSide: .right)
        let store = DemoCar.store(mapping)
        store.ingest(DemoCar.frame(mapping, "BCM_DoorStatus", ["BCM_DoorOpen_FL": 1]))
        let now = DemoCar.at(milliseconds: 10)
        #expect(store.read("Vehicle.Cabin.Door.Row1.PassengerSide.IsOpen", now: now).value == .bool(true))
        #expect(store.read("Vehicle.Cabin.Door.Row1.DriverSide.IsOpen", now: now).value == .bool(false))
    }

    @Test(arguments: [
        ("km", "m", 2.5, 2500.0), ("h", "s", 1.5, 5400), ("min", "s", 2, 120), ("degC", "celsius", 21.5, 21.5),
        ("%", "percent", 40, 40), ("bar", "kPa", 2.4, 240), ("d", "s", 1, 86400), ("degF", "celsius", 212, 100),
        ("kW", "W", 1.5, 1500), ("mph", "km/h", 100, 160.9344),
    ])
    func unitConversion(from: String, to: String, value: Double, expected: Double) throws {
        let conversion = try #require(Units.conversion(from: from, to: to))
        #expect(abs(value * conversion.scale + conversion.offset - expected) < 1e-9)
    }

    @Test func incompatibleUnitsDoNotConvert() {
        #expect(Units.conversion(from: "km", to: "celsius") == nil)
    }

    @Test(arguments: [
        ("floor((x*40)-100)", 2.0, -20.0), ("x*1000", 1.5, 1500), ("-x + 3", 1, 2), ("2^3^2", 0, 512), ("(x+100)/40", 20, 3),
        ("max(x, 10) - min(x, 10)", 4, 6), ("round(x)", 2.5, 3), ("abs(-x)", 7, 7), ("x % 3", 10, 1), ("sqrt(x)", 16, 4),
    ])
    func mathExpressions(formula: String, x: Double, expected: Double) throws {
        #expect(try MathExpression(formula).evaluate(x: x) == expected)
    }

    @Test func mathExpressionErrorsSayWhere() {
        #expect(
            throws: MathExpression.ParseError(
                position: 3, problem: "unknown name 'y' (the value is 'x'; functions: floor, ceil, round, abs, sqrt, min, max)")
        ) {
            try MathExpression("x+y")
        }
        #expect(throws: MathExpression.ParseError(position: 7, problem: "expected ')'")) { try MathExpression("(x + 1") }
    }

    /// Builds a one-network mapping from a mapping file's JSON against the demo chassis DBC.
    static func compile(_ json: String, file: String = "test.vss.json") throws -> VehicleMapping {
        let document = try MappingFile.parse(Data(json.utf8), file: file)
        let database = try DBCParser.load(path: repositoryRoot + "/can-dbc/demo-ev/chassis.dbc")
        return try VehicleMapping([(VehicleMapping.Network(name: "chassis.dbc", database: database), document)])
    }

    static func entries(_ body: String) -> String {
        #"{"format": "cargenius.vss-mapping/1", "signals": [\#(body)]}"#
    }

    @Test(arguments: [
        (
            #"{"path": "Vehicle.Sped", "signal": "ESP_VehicleSpeed"}"#,
            VehicleSignalsError.mapping(
                file: "test.vss.json", path: "Vehicle.Sped",
                problem: "not a VSS 4.2 path Car Genius knows (check the spelling, or add it to the overlay)")
        ),
        (
            #"{"path": "Vehicle.Speed", "signal": "ESP_Speed"}"#,
            .mapping(file: "test.vss.json", path: "Vehicle.Speed", problem: "DBC chassis.dbc has no signal ESP_Speed")
        ),
        (
            #"{"path": "Vehicle.Speed", "signal": "TPMS_Temperature_FL"}"#,
            .mapping(
                file: "test.vss.json", path: "Vehicle.Speed", problem: "cannot convert TPMS_Temperature_FL's unit \"degC\" to the VSS unit \"km/h\"")
        ),
        (
            #"{"path": "Vehicle.Powertrain.Transmission.SelectedGear", "signal": "VCU_GearSelected", "values": {"Park": 126}}"#,
            .mapping(
                file: "test.vss.json", path: "Vehicle.Powertrain.Transmission.SelectedGear",
                problem: "VCU_GearSelected has no value named \"Park\" (its VAL_ names: SNA, B, D, N, R, P)")
        ),
        (
            #"{"path": "Vehicle.Powertrain.Transmission.SelectedGear", "signal": "VCU_GearSelected", "values": {"P": 300}}"#,
            .mapping(
                file: "test.vss.json", path: "Vehicle.Powertrain.Transmission.SelectedGear", problem: "300.0 does not fit the path's datatype int8")
        ),
        (
            #"{"path": "Vehicle.Body.Lights.LightSwitch", "signal": "EPB_State", "values": {"Applied": "ON"}}"#,
            .mapping(
                file: "test.vss.json", path: "Vehicle.Body.Lights.LightSwitch",
                problem: "\"ON\" is not an allowed value (allowed: OFF, POSITION, DAYTIME_RUNNING_LIGHTS, AUTO, BEAM)")
        ),
        (
            #"{"path": "Vehicle.Speed", "signal": "ESP_VehicleSpeed"}, {"path": "Vehicle.Speed", "signal": "ESP_VehicleSpeed"}"#,
            .mapping(file: "test.vss.json", path: "Vehicle.Speed", problem: "mapped twice (first by test.vss.json signals[0])")
        ),
        (
            #"{"path": "Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Pressure", "signal": "TPMS_Pressure_FL", "multiplexer": 2}"#,
            .mapping(
                file: "test.vss.json", path: "Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Pressure",
                problem: "TPMS_Pressure_FL is not present when TPMS_WheelIndex is 2")
        ),
        (
            #"{"path": "Vehicle.Speed"}"#,
            .mapping(file: "test.vss.json", path: "Vehicle.Speed (signals[0])", problem: "needs \"signal\" or \"inputs\"")
        ),
    ])
    func mappingErrorsNameFilePathAndProblem(entry: String, expected: VehicleSignalsError) {
        #expect(throws: expected) { try Self.compile(Self.entries(entry)) }
    }

    @Test func wrongFormatMarkerIsRejected() {
        #expect(throws: VehicleSignalsError.unreadable(file: "x.json", problem: "\"format\" must be \"cargenius.vss-mapping/1\"")) {
            try MappingFile.parse(Data(#"{"signals": []}"#.utf8), file: "x.json")
        }
    }
}
