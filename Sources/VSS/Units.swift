/// Unit names as DBC files and VSS write them, and conversion between units of one quantity.
public enum Units {
    struct Definition {
        var quantity: String
        /// value in the quantity's base unit = value × scale + offset
        var scale: Double
        var offset: Double
    }

    private static let table: [String: Definition] = {
        var table: [String: Definition] = [:]
        func add(_ names: [String], _ quantity: String, _ scale: Double, _ offset: Double = 0) {
            for name in names { table[name] = Definition(quantity: quantity, scale: scale, offset: offset) }
        }
        add(["percent", "%"], "ratio", 1)
        add(["celsius", "degC", "°C", "C", "deg C", "degrees C"], "temperature", 1)
        add(["fahrenheit", "degF", "°F", "F"], "temperature", 5.0 / 9.0, -32.0 * 5.0 / 9.0)
        add(["kelvin", "K"], "temperature", 1, -273.15)
        add(["degrees", "deg", "°"], "angle", 1)
        add(["rad"], "angle", 180 / Double.pi)
        add(["s", "sec"], "time", 1)
        add(["ms"], "time", 0.001)
        add(["min"], "time", 60)
        add(["h", "hr"], "time", 3600)
        add(["d", "day", "days"], "time", 86400)
        add(["m"], "length", 1)
        add(["mm"], "length", 0.001)
        add(["cm"], "length", 0.01)
        add(["km"], "length", 1000)
        add(["mi", "mile"], "length", 1609.344)
        add(["km/h", "kph", "kmh"], "speed", 1 / 3.6)
        add(["m/s"], "speed", 1)
        add(["mph"], "speed", 0.44704)
        add(["m/s^2", "m/s2", "m/s²"], "acceleration", 1)
        add(["cm/s^2"], "acceleration", 0.01)
        add(["g"], "acceleration", 9.80665)
        add(["Pa"], "pressure", 1)
        add(["kPa"], "pressure", 1000)
        add(["bar"], "pressure", 100_000)
        add(["mbar", "hPa"], "pressure", 100)
        add(["psi"], "pressure", 6894.757)
        add(["V"], "voltage", 1)
        add(["mV"], "voltage", 0.001)
        add(["A"], "current", 1)
        add(["mA"], "current", 0.001)
        add(["W"], "power", 1)
        add(["kW"], "power", 1000)
        add(["Wh"], "energy", 1)
        add(["kWh"], "energy", 1000)
        add(["Ah"], "charge", 1)
        add(["kWh/100km"], "consumption", 1)
        add(["Wh/km"], "consumption", 0.1)
        add(["l/100km"], "fuelConsumption", 1)
        add(["rpm"], "rotation", 1)
        add(["Nm"], "torque", 1)
        add(["l", "L"], "volume", 1)
        add(["ml"], "volume", 0.001)
        return table
    }()

    /// Whether the name is a unit this table knows.
    public static func isKnown(_ unit: String) -> Bool { table[unit] != nil }

    /// `scale` and `offset` so that `to = from × scale + offset`; `nil` when the units measure different
    /// quantities or either is unknown. Same names give the identity.
    public static func conversion(from source: String, to target: String) -> (scale: Double, offset: Double)? {
        if source == target { return (1, 0) }
        guard let from = table[source], let to = table[target], from.quantity == to.quantity else { return nil }
        // base = v × from.scale + from.offset; result = (base − to.offset) / to.scale
        return (from.scale / to.scale, (from.offset - to.offset) / to.scale)
    }
}
