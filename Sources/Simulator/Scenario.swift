import CANBus
public import JSON
public import FoundationEssentials
public import VehicleSignals

/// A scenario file (`cargenius.scenario/1`): where the car starts and what happens when.
///
/// ```json
/// { "format": "cargenius.scenario/1", "name": "city-drive", "duration": 600,
///   "initial": { "soc": 72, "outsideTemperature": 14 },
///   "events": [ { "at": 0, "do": "drive", "profile": "city" },
///               { "at": 300, "do": "openDoor", "door": "RL" } ] }
/// ```
/// See docs/signals.md for every initial setting and event.
public struct Scenario: Sendable {
    public static let formatMarker = "cargenius.scenario/1"

    public var name: String
    public var description: String
    /// The default length of a run, in seconds.
    public var duration: Double
    public var initial: [String: JSONValue]
    public var events: [ScenarioEvent]

    public init(name: String, description: String = "", duration: Double, initial: [String: JSONValue] = [:], events: [ScenarioEvent]) {
        self.name = name
        self.description = description
        self.duration = duration
        self.initial = initial
        self.events = events.sorted { $0.at < $1.at }
    }

    public static func load(path: String) throws(SimulatorError) -> Scenario {
        let data: Data
        do {
            data = try Data(contentsOf: URL(filePath: path))
        } catch {
            throw .scenario(file: path, problem: "cannot read the file: \(fileReadProblem(path))")
        }
        return try parse(data, file: path)
    }

    public static func parse(_ data: Data, file: String) throws(SimulatorError) -> Scenario {
        let root: JSONValue
        do {
            root = try JSONValue.parse(data)
        } catch {
            throw .scenario(file: file, problem: "not valid JSON (\(error))")
        }
        guard root["format"]?.string == formatMarker else {
            throw .scenario(file: file, problem: "\"format\" must be \"\(formatMarker)\"")
        }
        guard let duration = root["duration"]?.number, duration > 0 else {
            throw .scenario(file: file, problem: "needs a positive \"duration\" in seconds")
        }
        var events: [ScenarioEvent] = []
        for (index, entry) in (root["events"]?.array ?? []).enumerated() {
            guard let at = entry["at"]?.number, let action = entry["do"]?.string else {
                throw .scenario(file: file, problem: "events[\(index)] needs \"at\" (seconds) and \"do\"")
            }
            guard ScenarioEvent.actions.contains(action) else {
                throw .scenario(
                    file: file,
                    problem: "events[\(index)]: unknown action \"\(action)\" (known: \(ScenarioEvent.actions.sorted().joined(separator: ", ")))")
            }
            events.append(ScenarioEvent(at: at, action: action, arguments: entry.object ?? [:]))
        }
        let initial = root["initial"]?.object ?? [:]
        for key in initial.keys where !VehicleModel.initialSettings.contains(key) {
            throw .scenario(
                file: file, problem: "initial: unknown setting \"\(key)\" (known: \(VehicleModel.initialSettings.sorted().joined(separator: ", ")))")
        }
        return Scenario(
            name: root["name"]?.string ?? file, description: root["description"]?.string ?? "", duration: duration,
            initial: initial, events: events)
    }
}

/// Something that happens at a moment of a scenario.
public struct ScenarioEvent: Sendable {
    /// Seconds from the start.
    public var at: Double
    public var action: String
    public var arguments: [String: JSONValue]

    public init(at: Double, action: String, arguments: [String: JSONValue] = [:]) {
        self.at = at
        self.action = action
        self.arguments = arguments
    }

    static let actions: Set<String> = [
        "drive", "park", "openDoor", "closeDoor", "lock", "unlock", "openTrunk", "closeTrunk", "openFrunk", "closeFrunk",
        "openHood", "closeHood", "openWindow", "closeWindow", "sunroof", "tyreLeak", "plugIn", "unplug", "setChargeLimit",
        "washerUse", "refillWasher", "stopMessage", "resumeMessage", "sleep", "wake", "set", "notAvailable", "lights", "buckle",
        "unbuckle",
    ]

    func string(_ key: String) -> String? { arguments[key]?.string }
    func number(_ key: String) -> Double? { arguments[key]?.number }
    func bool(_ key: String) -> Bool? { arguments[key]?.bool }
}

/// What went wrong in the simulator, and where.
public enum SimulatorError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A scenario file is wrong.
    case scenario(file: String, problem: String)
    /// The vehicle's mapping or DBC files failed to load.
    case vehicle(VehicleSignalsError)

    public var description: String {
        switch self {
        case .scenario(let file, let problem): "\(file): \(problem)"
        case .vehicle(let error): error.description
        }
    }
}
