import CANBus
import JSON
public import FoundationEssentials
import VSS

/// Imports the mapping files of KUKSA's CAN provider (`vss_dbc.json`): a VSS tree in JSON whose leaves
/// carry `dbc2vss` (or its old synonym `dbc`) entries with `signal`, `interval_ms`, `on_change`,
/// `transform` (`math`, or `mapping` as `from`/`to` pairs) and `multiplexer` conditions.
///
/// `interval_ms` and `on_change` throttle what KUKSA forwards; the store keeps every value with its
/// age, so they are read but do not filter. `vss2dbc` entries (writing to the bus) are ignored.
public enum KUKSAMapping {
    public static func load(path: String) throws(VehicleSignalsError) -> MappingDocument {
        let data: Data
        do {
            data = try Data(contentsOf: URL(filePath: path))
        } catch {
            throw .unreadable(file: path, problem: "cannot read the file: \(fileReadProblem(path))")
        }
        return try parse(data, file: path)
    }

    public static func parse(_ data: Data, file: String) throws(VehicleSignalsError) -> MappingDocument {
        let root: JSONValue
        do {
            root = try JSONValue.parse(data)
        } catch {
            throw .unreadable(file: file, problem: "not valid JSON (\(error))")
        }
        guard let top = root.object else { throw .unreadable(file: file, problem: "expected a VSS tree object at the top") }
        var rules: [MappingRule] = []
        var declared: [String: VSSSignalInfo] = [:]
        for (name, node) in top.sorted(by: { $0.key < $1.key }) {
            try walk(node, path: name, file: file, rules: &rules, declared: &declared)
        }
        return MappingDocument(file: file, rules: rules, declaredSignals: declared)
    }

    private static func walk(
        _ node: JSONValue, path: String, file: String, rules: inout [MappingRule], declared: inout [String: VSSSignalInfo]
    ) throws(VehicleSignalsError) {
        guard let members = node.object else { return }
        if members["type"]?.string == "branch" || members["children"] != nil {
            for (name, child) in (members["children"]?.object ?? [:]).sorted(by: { $0.key < $1.key }) {
                try walk(child, path: path + "." + name, file: file, rules: &rules, declared: &declared)
            }
            return
        }
        guard let entry = members["dbc2vss"] ?? members["dbc"] else { return }
        if let datatypeName = members["datatype"]?.string, let datatype = VSSDataType(rawValue: datatypeName) {
            declared[path] = VSSSignalInfo(
                path: path, datatype: datatype, unit: members["unit"]?.string,
                type: members["type"]?.string.flatMap(VSSNodeType.init(rawValue:)) ?? .sensor,
                allowed: members["allowed"]?.array?.compactMap(\.string) ?? [],
                minimum: members["min"]?.number, maximum: members["max"]?.number)
        } else if members["datatype"] != nil {
            throw .mapping(file: file, path: path, problem: "unknown datatype \(members["datatype"]!)")
        }
        guard let signal = entry["signal"]?.string else {
            throw .mapping(file: file, path: path, problem: "dbc2vss needs \"signal\"")
        }
        if let interval = entry["interval_ms"], interval.number == nil {
            throw .mapping(file: file, path: path, problem: "\"interval_ms\" must be a number")
        }
        if let onChange = entry["on_change"], onChange.bool == nil {
            throw .mapping(file: file, path: path, problem: "\"on_change\" must be true or false")
        }
        var transform = MappingTransform.linear
        if let spec = entry["transform"] {
            if let formula = spec["math"]?.string {
                do {
                    _ = try MathExpression(formula)
                } catch {
                    throw .mapping(file: file, path: path, problem: "transform.math \"\(formula)\": \(error)")
                }
                transform = .math(formula)
            } else if let pairs = spec["mapping"]?.array {
                var values: [MappingValueKey: JSONValue] = [:]
                for (index, pair) in pairs.enumerated() {
                    guard let from = pair["from"], let to = pair["to"] else {
                        throw .mapping(file: file, path: path, problem: "transform.mapping[\(index)] needs \"from\" and \"to\"")
                    }
                    let key: MappingValueKey
                    switch (from, from.number) {
                    case (.string(let name), _): key = .name(name)
                    case (_, let number?):
                        guard let raw = Int64(exactly: number) else {
                            throw .mapping(file: file, path: path, problem: "transform.mapping[\(index)].from must be a whole number or a value name")
                        }
                        key = .raw(raw)
                    case (.bool(let flag), _): key = .bool(flag)
                    default:
                        throw .mapping(file: file, path: path, problem: "transform.mapping[\(index)].from must be a number, string or boolean")
                    }
                    // "the feeder will arbitrarily select one": keep the first.
                    if values[key] == nil { values[key] = to }
                }
                transform = .values(values)
            } else {
                throw .mapping(file: file, path: path, problem: "transform needs \"math\" or \"mapping\"")
            }
        }
        var conditions: [MultiplexerCondition] = []
        if let list = entry["multiplexer"] {
            guard let array = list.array else {
                throw .mapping(file: file, path: path, problem: "\"multiplexer\" must be a list of {signal, value}")
            }
            for (index, item) in array.enumerated() {
                guard let muxSignal = item["signal"]?.string else {
                    throw .mapping(file: file, path: path, problem: "multiplexer[\(index)] needs \"signal\"")
                }
                guard let number = item["value"]?.number, let value = Int64(exactly: number) else {
                    throw .mapping(file: file, path: path, problem: "multiplexer[\(index)] needs an integer \"value\"")
                }
                conditions.append(MultiplexerCondition(signal: muxSignal, value: value))
            }
        }
        rules.append(
            MappingRule(
                path: path, inputs: [MappingInput(signal: signal)], transform: transform, convertsUnits: false,
                multiplexer: conditions, origin: "dbc2vss"))
    }
}
