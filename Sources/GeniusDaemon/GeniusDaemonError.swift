/// What stops geniusd from starting or reloading, with what was wrong and where.
public enum GeniusDaemonError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A configuration file entry is wrong: the file, the key (dotted, e.g. `source.replay.log`) and the problem.
    case configuration(file: String, key: String, problem: String)
    /// A command-line option or environment variable has a value that cannot be used.
    case option(name: String, problem: String)
    /// The vehicle (manifest, DBC or mapping files) did not load; the text names the file and place.
    case vehicle(String)
    /// No demo vehicle was found in any of the searched places (in search order).
    case demoVehicleNotFound(searched: [String])
    /// A scenario for the simulator did not load.
    case scenario(String)
    /// The frame source could not be opened (CAN interface, replay log).
    case source(name: String, problem: String)
    /// Travel Companion's places or profiles file did not load.
    case travel(String)
    /// The API's listening socket could not be set up.
    case listener(address: String, problem: String)

    public var description: String {
        switch self {
        case .configuration(let file, let key, let problem): "\(file): \(key): \(problem)"
        case .option(let name, let problem): "\(name): \(problem)"
        case .vehicle(let text): "vehicle: \(text)"
        case .demoVehicleNotFound(let searched):
            "no demo vehicle found (pass --vehicle or set \"vehicle\"); searched: \(searched.joined(separator: ", "))"
        case .scenario(let text): "scenario: \(text)"
        case .source(let name, let problem): "source \(name): \(problem)"
        case .listener(let address, let problem): "listener \(address): \(problem)"
        case .travel(let text): "travel: \(text)"
        }
    }
}

extension GeniusDaemonError {
    /// The sysexits.h code geniusd exits with: 78 (EX_CONFIG) for configuration and vehicle files, 69
    /// (EX_UNAVAILABLE) for a source or listener that cannot be had.
    public var exitCode: Int32 {
        switch self {
        case .configuration, .option, .vehicle, .demoVehicleNotFound, .scenario, .travel: 78
        case .source, .listener: 69
        }
    }
}
