import CANBus
import JSON
public import FoundationEssentials

/// Reads Car Genius mapping files (`cargenius.vss-mapping/1`, documented in docs/vss-mapping.md).
public enum MappingFile {
    public static let formatMarker = "cargenius.vss-mapping/1"

    /// Loads a mapping file from disk.
    public static func load(path: String, driveSide: DriveSide = .left) throws(VehicleSignalsError) -> MappingDocument {
        let data: Data
        do {
            data = try Data(contentsOf: URL(filePath: path))
        } catch {
            throw .unreadable(file: path, problem: "cannot read the file: \(fileReadProblem(path))")
        }
        return try parse(data, file: path, driveSide: driveSide)
    }

    /// Parses mapping JSON; `file` names it in errors.
    public static func parse(_ data: Data, file: String, driveSide: DriveSide = .left) throws(VehicleSignalsError) -> MappingDocument {
        let root: JSONValue
        do {
            root = try JSONValue.parse(data)
        } catch {
            throw .unreadable(file: file, problem: "not valid JSON (\(error))")
        }
        guard root["format"]?.string == formatMarker else {
            throw .unreadable(file: file, problem: "\"format\" must be \"\(formatMarker)\"")
        }
        guard let entries = root["signals"]?.array else {
            throw .mapping(file: file, path: "signals", problem: "expected an array of mapping entries")
        }
        var messages: [String: MessageOptions] = [:]
        for (name, value) in root["messages"]?.object ?? [:] {
            var options = MessageOptions()
            if let checksum = value["checksum"] {
                guard let signal = checksum["signal"]?.string else {
                    throw .mapping(file: file, path: "messages.\(name).checksum", problem: "needs \"signal\"")
                }
                let algorithmName = checksum["algorithm"]?.string ?? "sum8"
                guard let algorithm = ChecksumAlgorithm(rawValue: algorithmName) else {
                    throw .mapping(
                        file: file, path: "messages.\(name).checksum",
                        problem:
                            "unknown algorithm \"\(algorithmName)\" (known: \(ChecksumAlgorithm.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                options.checksumSignal = signal
                options.checksumAlgorithm = algorithm
            }
            options.counterSignal = value["counter"]?.string
            if let cycle = value["cycleTime"] {
                guard let number = cycle.number, let milliseconds = Int(exactly: number), milliseconds > 0 else {
                    throw .mapping(file: file, path: "messages.\(name).cycleTime", problem: "must be a positive whole number of milliseconds")
                }
                options.cycleTime = milliseconds
            }
            messages[name] = options
        }
        var rules: [MappingRule] = []
        try expand(entries, variables: driveSide.variables, location: "signals", file: file, into: &rules)
        return MappingDocument(file: file, dbc: root["dbc"]?.string, rules: rules, messages: messages)
    }

    private static func expand(
        _ entries: [JSONValue], variables: [String: String], location: String, file: String, into rules: inout [MappingRule]
    ) throws(VehicleSignalsError) {
        for (index, entry) in entries.enumerated() {
            let here = "\(location)[\(index)]"
            if let instances = entry["forEach"] {
                guard let list = instances.array, let inner = entry["signals"]?.array else {
                    throw .mapping(file: file, path: here, problem: "\"forEach\" needs an array of instances and a \"signals\" array")
                }
                for (instanceIndex, instance) in list.enumerated() {
                    guard let members = instance.object else {
                        throw .mapping(file: file, path: "\(here).forEach[\(instanceIndex)]", problem: "an instance must be an object of variables")
                    }
                    var scope = variables
                    for (key, value) in members {
                        switch (value, value.number) {
                        case (.string(let text), _): scope[key] = substitute(text, variables)
                        case (_, let number?): scope[key] = number == number.rounded() ? String(Int64(number)) : String(number)
                        default:
                            throw .mapping(file: file, path: "\(here).forEach[\(instanceIndex)].\(key)", problem: "variables are strings or numbers")
                        }
                    }
                    try expand(inner, variables: scope, location: "\(here).forEach[\(instanceIndex)]", file: file, into: &rules)
                }
                continue
            }
            rules.append(try rule(entry, variables: variables, location: here, file: file))
        }
    }

    static func substitute(_ text: String, _ variables: [String: String]) -> String {
        guard text.contains("{") else { return text }
        var result = text
        // Two passes, so a variable's value may itself use {left}/{right}.
        for _ in 0..<2 {
            for (key, value) in variables { result = result.replacing("{\(key)}", with: value) }
        }
        return result
    }

    private static func rule(_ entry: JSONValue, variables: [String: String], location: String, file: String) throws(VehicleSignalsError)
        -> MappingRule
    {
        guard let rawPath = entry["path"]?.string else {
            throw .mapping(file: file, path: location, problem: "missing \"path\"")
        }
        let path = substitute(rawPath, variables)
        if path.contains("{") {
            throw .mapping(file: file, path: path, problem: "unresolved variable in the path")
        }
        let here = "\(path) (\(location))"
        var inputs: [MappingInput] = []
        var combine = MappingCombine.single
        if let signal = entry["signal"]?.string {
            inputs.append(
                MappingInput(
                    signal: substitute(signal, variables), factor: entry["factor"]?.number ?? 1, offset: entry["offset"]?.number ?? 0))
            if let inputUnit = entry["signalUnit"]?.string { inputs[0].unit = inputUnit }
        } else if let list = entry["inputs"]?.array {
            guard let name = entry["combine"]?.string, let kind = MappingCombine(rawValue: name), kind != .single else {
                throw .mapping(file: file, path: here, problem: "\"inputs\" needs \"combine\": sum, product, min, max, any or all")
            }
            combine = kind
            for (inputIndex, input) in list.enumerated() {
                guard let signal = input["signal"]?.string else {
                    throw .mapping(file: file, path: here, problem: "inputs[\(inputIndex)] needs \"signal\"")
                }
                inputs.append(
                    MappingInput(
                        signal: substitute(signal, variables), factor: input["factor"]?.number ?? 1,
                        offset: input["offset"]?.number ?? 0, unit: input["unit"]?.string))
            }
            guard inputs.count >= 2 else { throw .mapping(file: file, path: here, problem: "\"combine\" needs at least two inputs") }
        } else {
            throw .mapping(file: file, path: here, problem: "needs \"signal\" or \"inputs\"")
        }

        var transform = MappingTransform.linear
        if let table = entry["values"] {
            guard let members = table.object, !members.isEmpty else {
                throw .mapping(file: file, path: here, problem: "\"values\" must be a non-empty object")
            }
            var values: [MappingValueKey: JSONValue] = [:]
            for (key, value) in members {
                if let number = Int64(key) {
                    values[.raw(number)] = value
                } else {
                    values[.name(key)] = value
                }
            }
            transform = .values(values)
        } else if let threshold = entry["greaterThan"]?.number {
            transform = .greaterThan(threshold)
        } else if let formula = entry["math"]?.string {
            transform = .math(formula)
        }

        var conditions: [MultiplexerCondition] = []
        if let mux = entry["multiplexer"] {
            let value: Int64?
            switch (mux, mux.number) {
            case (_, let number?): value = Int64(exactly: number)
            case (.string(let text), _): value = Int64(substitute(text, variables))
            default: value = nil
            }
            guard let value else {
                throw .mapping(file: file, path: here, problem: "\"multiplexer\" must be an integer multiplexer value")
            }
            conditions.append(MultiplexerCondition(signal: entry["multiplexerSignal"]?.string, value: value))
        }

        func integers(_ key: String) throws(VehicleSignalsError) -> [Int64] {
            guard let list = entry[key] else { return [] }
            guard let array = list.array else { throw .mapping(file: file, path: here, problem: "\"\(key)\" must be an array of raw integers") }
            var result: [Int64] = []
            for item in array {
                guard let number = item.number, let raw = Int64(exactly: number) else {
                    throw .mapping(file: file, path: here, problem: "\"\(key)\" must be an array of raw integers")
                }
                result.append(raw)
            }
            return result
        }

        var rule = MappingRule(
            path: path, message: entry["message"].flatMap { $0.string }.map { substitute($0, variables) },
            inputs: inputs, combine: combine, transform: transform, unit: entry["unit"]?.string,
            multiplexer: conditions, notAvailableRaw: try integers("notAvailable"), invalidRaw: try integers("invalid"),
            origin: location)
        if let flag = entry["unverified"] {
            guard let unverified = flag.bool else { throw .mapping(file: file, path: here, problem: "\"unverified\" must be true or false") }
            rule.isUnverified = unverified
        }
        return rule
    }
}
