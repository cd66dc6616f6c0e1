public import Varlink
public import JSON

/// Every numeric input of every `io.cargenius` method and the values it accepts: the one place they are
/// checked. The Varlink service applies them after the types and before any handler runs, so no handler
/// sees a number it cannot turn into a `Duration`, a coordinate or a count. `ParameterBoundsTests` requires
/// an entry for each `int` and `float` input the interface files declare.
public enum ParameterBounds {
    /// The longest `Vehicle.Subscribe` interval, seconds (a day). Longer ones could not become a `Duration`
    /// past about 9.2e18 s (the process trapped: issue 16); nothing needs more than a day.
    public static let maximumSubscribeInterval = 86_400.0
    /// The largest traffic `area.radius`, metres.
    public static let maximumTrafficRadius = 200_000.0
    /// The longest navigation travel time `UpdateTraffic` takes, minutes (a day).
    public static let maximumTrafficMinutes = 1_440.0

    /// Interface name → method → field path → bound.
    public static let table: [String: [String: [String: NumericBound]]] = [
        "io.cargenius.Vehicle": [
            "Subscribe": [
                // A negative interval keeps its own, documented error; a too long one is InvalidParameter.
                "interval": NumericBound(
                    0...maximumSubscribeInterval,
                    error: { value in
                        value < 0 ? .reply(name: "io.cargenius.Vehicle.InvalidInterval", parameters: ["interval": .double(value)]) : nil
                    })
            ]
        ],
        "io.cargenius.Travel": [
            "UpdateTraffic": [
                "minutes": NumericBound(0...maximumTrafficMinutes),
                "area.latitude": NumericBound(-90...90),
                "area.longitude": NumericBound(-180...180),
                "area.radius": NumericBound(1...maximumTrafficRadius),
            ]
        ],
    ]

    /// Registers the table's bounds of `interface` on it.
    /// - Throws: `VarlinkError.invalidRegistration` when the table names a method or field the interface lacks.
    public static func apply(to interface: inout VarlinkInterface) throws(VarlinkError) {
        for (method, fields) in table[interface.name] ?? [:] {
            for (field, bound) in fields { try interface.bound(method, field, bound) }
        }
    }
}

extension Duration {
    /// `seconds` as a `Duration` that cannot trap: clamped to `0...maximum` (a day by default); NaN is zero.
    /// `Duration.seconds(_: Double)` traps on values past about 9.2e18.
    public static func clampedSeconds(_ seconds: Double, maximum: Double = 86_400) -> Duration {
        guard seconds > 0 else { return .zero }  // also NaN
        return .seconds(min(seconds, maximum, 1e15))
    }
}
