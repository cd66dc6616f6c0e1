import CANBus
import JSON
import DBC
import FoundationEssentials

/// A vehicle manifest (`vehicle.json`, format `cargenius.vehicle/1`): its DBC files, their mapping
/// files and interfaces, and the drive side. See docs/vss-mapping.md.
public struct VehicleDefinition: Sendable {
    public static let formatMarker = "cargenius.vehicle/1"

    /// One CAN network: a DBC file and how its signals map to VSS.
    public struct NetworkEntry: Sendable, Hashable {
        /// Absolute or manifest-relative path of the DBC file.
        public var dbc: String
        /// A Car Genius mapping file (`*.vss.json`), if any.
        public var mapping: String?
        /// A KUKSA CAN provider mapping file (`vss_dbc.json`), if any.
        public var kuksaMapping: String?
        /// The interface its frames arrive on; `nil` accepts any.
        public var interface: String?

        public init(dbc: String, mapping: String? = nil, kuksaMapping: String? = nil, interface: String? = nil) {
            self.dbc = dbc
            self.mapping = mapping
            self.kuksaMapping = kuksaMapping
            self.interface = interface
        }
    }

    public var name: String
    public var driveSide: DriveSide
    public var networks: [NetworkEntry]
    /// The manifest's directory; relative paths are resolved against it.
    public var directory: String

    public init(name: String, driveSide: DriveSide = .left, networks: [NetworkEntry], directory: String) {
        self.name = name
        self.driveSide = driveSide
        self.networks = networks
        self.directory = directory
    }

    /// Reads a manifest; `driveSide` overrides the one it names.
    public static func load(path: String, driveSide: DriveSide? = nil) throws(VehicleSignalsError) -> VehicleDefinition {
        let data: Data
        do {
            data = try Data(contentsOf: URL(filePath: path))
        } catch {
            throw .unreadable(file: path, problem: "cannot read the file: \(fileReadProblem(path))")
        }
        let root: JSONValue
        do {
            root = try JSONValue.parse(data)
        } catch {
            throw .unreadable(file: path, problem: "not valid JSON (\(error))")
        }
        guard root["format"]?.string == formatMarker else {
            throw .unreadable(file: path, problem: "\"format\" must be \"\(formatMarker)\"")
        }
        var side = DriveSide.left
        if let text = root["driveSide"]?.string {
            guard let parsed = DriveSide(rawValue: text) else {
                throw .mapping(file: path, path: "driveSide", problem: "must be \"left\" or \"right\", not \"\(text)\"")
            }
            side = parsed
        }
        var networks: [NetworkEntry] = []
        for (index, entry) in (root["networks"]?.array ?? []).enumerated() {
            guard let dbc = entry["dbc"]?.string else {
                throw .mapping(file: path, path: "networks[\(index)]", problem: "needs \"dbc\"")
            }
            networks.append(
                NetworkEntry(
                    dbc: dbc, mapping: entry["mapping"]?.string, kuksaMapping: entry["kuksaMapping"]?.string,
                    interface: entry["interface"]?.string))
        }
        guard !networks.isEmpty else { throw .mapping(file: path, path: "networks", problem: "lists no networks") }
        let directory = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        return VehicleDefinition(
            name: root["name"]?.string ?? "vehicle", driveSide: driveSide ?? side, networks: networks,
            directory: directory.isEmpty ? "." : directory)
    }

    func resolve(_ file: String) -> String { file.hasPrefix("/") ? file : directory + "/" + file }

    /// Loads every DBC and mapping file and compiles them.
    public func compile(stalenessCycles: Int = VehicleMapping.defaultStalenessCycles) throws(VehicleSignalsError) -> VehicleMapping {
        var entries: [(network: VehicleMapping.Network, mapping: MappingDocument)] = []
        for entry in networks {
            let dbcPath = resolve(entry.dbc)
            let database: DBCDatabase
            do {
                database = try DBCParser.load(path: dbcPath)
            } catch {
                throw .dbc(error.description)
            }
            var document = MappingDocument(file: dbcPath, rules: [])
            if let mapping = entry.mapping {
                document = try MappingFile.load(path: resolve(mapping), driveSide: driveSide)
            }
            if let kuksa = entry.kuksaMapping {
                let imported = try KUKSAMapping.load(path: resolve(kuksa))
                // Car Genius's own mapping wins where both map a path.
                let mapped = Set(document.rules.map(\.path))
                let extra = imported.rules.filter { rule in
                    !mapped.contains(rule.path) && database.messages.contains { $0.signal(named: rule.inputs[0].signal) != nil }
                }
                if entry.mapping == nil { document.file = imported.file }
                document.rules += extra
                document.declaredSignals.merge(imported.declaredSignals) { mine, _ in mine }
            }
            let name = entry.dbc.split(separator: "/").last.map(String.init) ?? entry.dbc
            entries.append((VehicleMapping.Network(name: name, database: database, interface: entry.interface), document))
        }
        return try VehicleMapping(entries, stalenessCycles: stalenessCycles)
    }
}
