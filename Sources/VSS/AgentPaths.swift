/// What the agents need of the catalogue: units and staleness limits of the paths they read, the lamp overlay.
extension VSSCatalog {
    /// The unit the agents give a leaf when no store says (a `--state` snapshot), or `nil` for booleans, strings,
    /// enumerations and positions; where the catalogue knows the leaf, the two agree.
    public static func unit(of path: String) -> String? {
        if let u = units[path] { return u }
        if path.hasSuffix(".Tire.Pressure") { return "kPa" }
        if path.hasSuffix(".Tire.Temperature") { return "celsius" }
        if path.hasSuffix(".Window.Position") || path.hasSuffix("Sunroof.Position") { return "percent" }
        return nil
    }

    /// Seconds after which a value counts as stale: fast-changing signals are stale sooner.
    public static func staleAfter(_ path: String) -> Double {
        switch path {
        case "Vehicle.Speed", "Vehicle.IsMoving": 10
        default: 300
        }
    }

    /// The project's overlay for cluster warning lamps (VSS 4.2 has none): `Vehicle.Cabin.Telltale.<name>.IsOn`.
    public static func telltalePath(_ name: String) -> String { "Vehicle.Cabin.Telltale.\(name).IsOn" }

    /// Private branch: distance left on the navigation's active route (m); VSS 4.2 has none.
    public static let routeDistancePath = "Vehicle.Private.Navigation.RemainingDistance"

    /// Lamp names read from the overlay, most of them mapped from the demo car's cluster (can-dbc/demo-ev).
    public static let telltaleNames = [
        "Powertrain", "BrakeFluid", "TractionBatteryTemperature", "LowVoltageBattery", "OilPressure", "CoolantTemperature",
        "Airbag", "ABS", "ESC", "TCS", "TirePressure", "ParkingBrake", "SeatBelt", "LowFuel", "LowCharge", "WasherFluid",
        "DoorOpen", "Service",
    ]

    /// Standard VSS signals that mean the same as a lamp: the MIL is the powertrain lamp, ADAS errors their lamps.
    public static let lampEquivalents: [(path: String, lamp: String)] = [
        ("Vehicle.OBD.Status.IsMILOn", "Powertrain"), ("Vehicle.ADAS.ABS.IsError", "ABS"),
        ("Vehicle.ADAS.ESC.IsError", "ESC"), ("Vehicle.ADAS.TCS.IsError", "TCS"),
    ]

    static let units: [String: String] = [
        "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed": "percent",
        "Vehicle.Powertrain.TractionBattery.StateOfCharge.Current": "percent",
        "Vehicle.Powertrain.Range": "m",
        "Vehicle.Powertrain.TractionBattery.Range": "m",
        "Vehicle.Powertrain.FuelSystem.RelativeLevel": "percent",
        "Vehicle.Powertrain.FuelSystem.Range": "m",
        "Vehicle.Powertrain.TractionBattery.Charging.TimeToComplete": "s",
        "Vehicle.Powertrain.TractionBattery.Charging.ChargeLimit": "percent",
        "Vehicle.Powertrain.TractionBattery.Temperature.Average": "celsius",
        "Vehicle.Exterior.AirTemperature": "celsius",
        "Vehicle.Cabin.HVAC.AmbientAirTemperature": "celsius",
        "Vehicle.Speed": "km/h",
        "Vehicle.TraveledDistance": "km",
        "Vehicle.TripMeterReading": "km",
        "Vehicle.Service.DistanceToService": "km",
        "Vehicle.Service.TimeToService": "s",
        "Vehicle.LowVoltageBattery.CurrentVoltage": "V",
        "Vehicle.Body.Windshield.Front.WasherFluid.Level": "percent",
        "Vehicle.Private.Navigation.RemainingDistance": "m",
    ]
}
