/// Finds the demo car's manifest (`demo-ev/vehicle.json`) when no vehicle is configured.
///
/// Search order (the first that exists wins):
/// 1. `$GENIUSD_DATA_DIR/demo-ev/vehicle.json`, when the variable is set;
/// 2. `<executable's directory>/../share/cargenius/demo-ev/vehicle.json` (an installed layout: /usr/bin, /usr/share);
/// 3. `<ancestor>/can-dbc/demo-ev/vehicle.json` for each ancestor of the executable's real directory, nearest
///    first (a fresh clone's `.build/release/geniusd` finds the repository's copy);
/// 4. `/usr/local/share/cargenius/demo-ev/vehicle.json`, then `/usr/share/cargenius/demo-ev/vehicle.json`;
/// 5. `can-dbc/demo-ev/vehicle.json` under the current directory.
public enum DemoVehicle {
    /// The candidates in search order; `executable` is the resolved path of the running program.
    public static func candidates(executable: String?, currentDirectory: String?, dataDirectory: String?) -> [String] {
        var paths: [String] = []
        if let dataDirectory, !dataDirectory.isEmpty { paths.append("\(dataDirectory)/demo-ev/vehicle.json") }
        if let executable, executable.hasPrefix("/") {
            var components = executable.split(separator: "/").map(String.init)
            components.removeLast()
            let directory = "/" + components.joined(separator: "/")
            paths.append(normalized("\(directory)/../share/cargenius/demo-ev/vehicle.json"))
            while !components.isEmpty {
                paths.append("/" + (components + ["can-dbc", "demo-ev", "vehicle.json"]).joined(separator: "/"))
                components.removeLast()
            }
            paths.append("/can-dbc/demo-ev/vehicle.json")
        }
        paths.append("/usr/local/share/cargenius/demo-ev/vehicle.json")
        paths.append("/usr/share/cargenius/demo-ev/vehicle.json")
        if let currentDirectory { paths.append("\(currentDirectory)/can-dbc/demo-ev/vehicle.json") }
        var seen: Set<String> = []
        return paths.filter { seen.insert($0).inserted }
    }

    /// The first candidate for which `exists` is true.
    /// - Throws: `GeniusDaemonError.demoVehicleNotFound` listing every place searched.
    public static func locate(
        executable: String?, currentDirectory: String?, dataDirectory: String?, exists: (String) -> Bool
    ) throws(GeniusDaemonError) -> String {
        let paths = candidates(executable: executable, currentDirectory: currentDirectory, dataDirectory: dataDirectory)
        guard let found = paths.first(where: exists) else { throw .demoVehicleNotFound(searched: paths) }
        return found
    }

    /// Removes `.` and resolves `..` textually.
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}
