import FoundationEssentials
import GeniusTestSupport
import Testing
import VSS
import VehicleSignals

@Suite struct KUKSAImportTests {
    @Test func aKUKSAMappingFileImportsAndMaps() throws {
        let definition = try VehicleDefinition.load(path: repositoryRoot + "/can-dbc/demo-ev/kuksa/vehicle.json")
        let mapping = try definition.compile()
        #expect(
            Set(mapping.slots.map(\.path)) == [
                "Vehicle.Speed", "Vehicle.Exterior.AirTemperature", "Vehicle.Powertrain.Range",
                "Vehicle.Powertrain.Transmission.SelectedGear", "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed",
                "Vehicle.Cabin.Door.Row1.DriverSide.IsOpen", "Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Pressure",
                "Vehicle.Chassis.Axle.Row1.Wheel.Right.Tire.Pressure",
            ])
        let store = DemoCar.store(mapping)
        store.ingest([
            DemoCar.frame(mapping, "VCU_Range", ["VCU_RangeEstimate": 275]),
            DemoCar.frame(mapping, "VCU_GearStatus", ["VCU_GearSelected": 1]),
            DemoCar.frame(mapping, "BCM_DoorStatus", ["BCM_DoorOpen_FL": 1]),
            DemoCar.frame(mapping, "TPMS_TireStatus", ["TPMS_WheelIndex": 1, "TPMS_Pressure_FR": 242.5]),
            DemoCar.frame(mapping, "IC_Environment", ["IC_OutsideTemp": -7.5]),
        ])
        let now = DemoCar.at(milliseconds: 1)
        #expect(store.read("Vehicle.Powertrain.Range", now: now).value == .number(275_000))  // math: floor(x*1000)
        #expect(store.read("Vehicle.Powertrain.Transmission.SelectedGear", now: now).value == .number(-1))  // mapping: R → -1
        #expect(store.read("Vehicle.Cabin.Door.Row1.DriverSide.IsOpen", now: now).value == .bool(true))
        // The multiplexer condition routes wheel 1 to the right tyre only.
        #expect(store.read("Vehicle.Chassis.Axle.Row1.Wheel.Right.Tire.Pressure", now: now).value == .number(243))
        #expect(store.read("Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Pressure", now: now).status == .notAvailable)
        #expect(store.read("Vehicle.Exterior.AirTemperature", now: now).value == .number(-7.5))
    }

    @Test(arguments: [
        (
            #"{"Vehicle": {"type": "branch", "children": {"Speed": {"type": "sensor", "datatype": "float", "dbc2vss": {"interval_ms": 100}}}}}"#,
            VehicleSignalsError.mapping(file: "vss_dbc.json", path: "Vehicle.Speed", problem: "dbc2vss needs \"signal\"")
        ),
        (
            #"{"Vehicle": {"type": "branch", "children": {"Speed": {"type": "sensor", "datatype": "float", "dbc2vss": {"signal": "S", "transform": {"math": "x*"}}}}}}"#,
            .mapping(file: "vss_dbc.json", path: "Vehicle.Speed", problem: "transform.math \"x*\": character 3: formula ends early")
        ),
        (
            #"{"Vehicle": {"type": "branch", "children": {"Speed": {"type": "sensor", "datatype": "float", "dbc2vss": {"signal": "S", "transform": {"mapping": [{"from": 1}]}}}}}}"#,
            .mapping(file: "vss_dbc.json", path: "Vehicle.Speed", problem: "transform.mapping[0] needs \"from\" and \"to\"")
        ),
        (
            #"{"Vehicle": {"type": "branch", "children": {"Speed": {"type": "sensor", "datatype": "float", "dbc2vss": {"signal": "S", "multiplexer": [{"signal": "M"}]}}}}}"#,
            .mapping(file: "vss_dbc.json", path: "Vehicle.Speed", problem: "multiplexer[0] needs an integer \"value\"")
        ),
    ])
    func kuksaErrorsNameFilePathAndProblem(json: String, expected: VehicleSignalsError) {
        #expect(throws: expected) { try KUKSAMapping.parse(Data(json.utf8), file: "vss_dbc.json") }
    }
}
