/// What went wrong loading a mapping or vehicle, or persisting values, and where.
public enum VehicleSignalsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A mapping entry is wrong: the file, the VSS path or JSON location of the entry, and the problem.
    case mapping(file: String, path: String, problem: String)
    /// A file could not be read or is not what it should be (not JSON, wrong format marker).
    case unreadable(file: String, problem: String)
    /// A DBC file failed to load (its own error text, with file, line and column).
    case dbc(String)
    /// Last-known values could not be written or read.
    case persistence(file: String, problem: String)
    /// A recorded CAN log cannot give the state asked for (no frames, a moment outside the log).
    case recording(file: String, problem: String)

    public var description: String {
        switch self {
        case .mapping(let file, let path, let problem): "\(file): \(path): \(problem)"
        case .unreadable(let file, let problem): "\(file): \(problem)"
        case .dbc(let text): text
        case .persistence(let file, let problem): "\(file): \(problem)"
        case .recording(let file, let problem): "\(file): \(problem)"
        }
    }
}
