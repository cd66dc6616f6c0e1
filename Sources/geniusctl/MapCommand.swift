import ArgumentParser
import DBC
import FoundationEssentials
import JSON
import VSS
import VehicleSignals

/// `geniusctl map`: work on a vehicle's DBC→VSS mapping.
struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Work on a vehicle's DBC to VSS mapping.",
        subcommands: [MapSuggestCommand.self, MapCheckCommand.self]
    )
}

/// `geniusctl map check MANIFEST [--log LOG] [--json]`.
struct MapCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report what a vehicle mapping covers, and with --log what looks wrong in a recording through it.",
        discussion: """
            Loads the manifest with its DBC and mapping files (errors name file and entry), then lists which of the \
            assistant's topics (range, charge, charging, speed, odometer, doors, tyres, 12 V, fuel, warnings, power, \
            gear, seat belts) it answers and which entries are marked "unverified". With --log it replays the \
            candump -L log through the mapping and reports per path the frames, values and range seen, and what looks \
            wrong: a value no car shows (a speed over 300 km/h, a state of charge over 100 %), an odometer that falls, \
            a flag that flips every few frames, frames mostly invalid. Paths the log never carries are listed as notes. \
            Exit status 1 when something looks wrong, 0 otherwise.
            """
    )

    @Argument(help: ArgumentHelp("The vehicle manifest (vehicle.json).", valueName: "MANIFEST"))
    var manifest: String

    @Option(help: ArgumentHelp("A candump -L recording of the car to check the mapping against.", valueName: "LOG"))
    var log: String?

    @Flag(help: "One JSON object instead of the report.")
    var json = false

    func run() throws {
        let definition: VehicleDefinition
        let mapping: VehicleMapping
        do throws(VehicleSignalsError) {
            definition = try VehicleDefinition.load(path: manifest)
            mapping = try definition.compile()
        } catch {
            standardError("geniusctl map check: \(error)")
            throw ExitCode(error.isUnreadableFile ? 66 : 65)
        }
        var check = MappingCheck(mapping: mapping)
        if let log {
            let bytes: [UInt8]
            do {
                bytes = try readWholeFile(log == "-" ? "/dev/stdin" : log)
            } catch {
                standardError("geniusctl map check: \(log): cannot read (\(error))")
                throw ExitCode(66)
            }
            let text = String(decoding: bytes, as: UTF8.self)
            check = MappingCheck(mapping: mapping, lines: text.split(separator: "\n", omittingEmptySubsequences: false))
            for problem in check.logProblems.prefix(10) { standardError("geniusctl map check: \(log): skipped \(problem)") }
            if check.framesRead == 0 {
                standardError("geniusctl map check: \(log): holds no frames")
                throw ExitCode(65)
            }
        }
        var warnings = 0
        for network in mapping.networks { warnings += network.codec.database.warnings.count }
        if json {
            standardOutput(jsonReport(check, definition: definition, mapping: mapping, dbcWarnings: warnings) + "\n")
        } else {
            standardOutput(textReport(check, definition: definition, mapping: mapping, dbcWarnings: warnings))
        }
        if !check.problems.isEmpty { throw ExitCode(1) }
    }

    func textReport(_ check: MappingCheck, definition: VehicleDefinition, mapping: VehicleMapping, dbcWarnings: Int) -> String {
        var out = "\(manifest): \(definition.name): \(mapping.slots.count) VSS paths from \(mapping.networks.count) DBC files"
        out += dbcWarnings > 0 ? " (\(dbcWarnings) DBC warnings: geniusctl decode --warnings lists them)\n" : "\n"
        let answered = check.topics.filter { !$0.paths.isEmpty }.count
        out += "topics: \(answered) of \(check.topics.count) answered\n"
        for topic in check.topics {
            out += "  \(pad(topic.name, 11))\(topic.paths.isEmpty ? "-" : topic.paths.joined(separator: ", "))\n"
        }
        out += "unverified entries (the DBC alone): \(check.unverified.count)\n"
        for path in check.unverified { out += "  \(path)\n" }
        guard let log else { return out }
        out += "\(log): \(check.framesRead) frames over \(MappingCheck.format(check.seconds)) s\n"
        let width = (check.paths.map(\.path.count).max() ?? 0) + 2
        for report in check.paths where report.frames > 0 {
            var line = "  \(pad(report.path, width))\(report.frames) frames"
            if report.notAvailable > 0 { line += ", \(report.notAvailable) not available" }
            if report.invalid > 0 { line += ", \(report.invalid) invalid" }
            if let low = report.minimum, let high = report.maximum {
                let unit = report.unit.map { " \($0)" } ?? ""
                line += low == high ? ", \(MappingCheck.format(low))\(unit)" : ", \(MappingCheck.format(low)) to \(MappingCheck.format(high))\(unit)"
                if report.changes > 0 { line += ", \(report.changes) changes" }
            } else if let last = report.last {
                line += ", last \(last)"
                if report.changes > 0 { line += ", \(report.changes) changes" }
            }
            out += line + "\n"
        }
        out += "not in the log: \(check.notes.count)\n"
        for note in check.notes { out += "  \(note)\n" }
        out += "looks wrong: \(check.problems.count)\n"
        for problem in check.problems { out += "  \(problem)\n" }
        return out
    }

    func jsonReport(_ check: MappingCheck, definition: VehicleDefinition, mapping: VehicleMapping, dbcWarnings: Int) -> String {
        var root: [String: JSONValue] = [
            "manifest": .string(manifest), "name": .string(definition.name), "paths": .double(Double(mapping.slots.count)),
            "dbcWarnings": .double(Double(dbcWarnings)),
            "topics": .object(Dictionary(uniqueKeysWithValues: check.topics.map { ($0.name, .array($0.paths.map { .string($0) })) })),
            "unverified": .array(check.unverified.map { .string($0) }),
        ]
        if log != nil {
            root["frames"] = .double(Double(check.framesRead))
            root["seconds"] = .double(check.seconds)
            root["signals"] = .array(
                check.paths.map { report in
                    var entry: [String: JSONValue] = [
                        "path": .string(report.path), "source": .string(report.source), "frames": .double(Double(report.frames)),
                        "available": .double(Double(report.available)), "notAvailable": .double(Double(report.notAvailable)),
                        "invalid": .double(Double(report.invalid)), "changes": .double(Double(report.changes)),
                        "unverified": .bool(report.isUnverified),
                    ]
                    if let low = report.minimum, let high = report.maximum {
                        entry["min"] = .double(low)
                        entry["max"] = .double(high)
                    }
                    if let last = report.last { entry["last"] = .string(last) }
                    return .object(entry)
                })
            root["notes"] = .array(check.notes.map { .object(["path": .string($0.path), "text": .string($0.text)]) })
            root["problems"] = .array(check.problems.map { .object(["path": .string($0.path), "text": .string($0.text)]) })
        }
        return JSONValue.object(root).serialized
    }

    func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}

/// `geniusctl map suggest --dbc FILE... [--log LOG]`.
struct MapSuggestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "Propose a VSS mapping for DBC files, from signal names, units, comments, value tables and a recording.",
        discussion: """
            Matches every signal's name (English, German and OEM abbreviations: Veh_V_Actl, KBI_Kilometerstand, SOC, \
            Odo, TirePress, Door...Sw, FL/FR/RL/RR), unit, DBC range, comment and value table against rules for the \
            paths the assistant answers from (speed, odometer, range, state of charge, 12 V and high-voltage battery, \
            doors, seat belts, tyre pressures, fuel level, gear, ignition), and with --log the values the recording \
            shows (an odometer that never falls, a speed that moves and stays under 300 km/h). Writes a mapping file \
            (cargenius.vss-mapping/1) to standard output: entries with a confidence of 0.7 or more in "signals", the \
            others in "review" for a person to check; each with its "confidence" and "reason". With several --dbc \
            files, a JSON array of one mapping file per DBC.
            """
    )

    @Option(name: .customLong("dbc"), help: ArgumentHelp("A DBC file; repeat for several buses.", valueName: "FILE"))
    var dbcFiles: [String] = []

    @Option(help: ArgumentHelp("A candump -L recording of the car, to weigh the values signals show.", valueName: "LOG"))
    var log: String?

    func validate() throws {
        guard !dbcFiles.isEmpty else { throw ValidationError("give at least one --dbc FILE") }
    }

    func run() throws {
        var databases: [DBCDatabase] = []
        for path in dbcFiles {
            do {
                databases.append(try DBCParser.load(path: path))
            } catch {
                standardError("geniusctl map suggest: \(error)")
                throw ExitCode(65)
            }
        }
        var suggestion: MappingSuggestion
        if let log {
            let bytes: [UInt8]
            do {
                bytes = try readWholeFile(log == "-" ? "/dev/stdin" : log)
            } catch {
                standardError("geniusctl map suggest: \(log): cannot read (\(error))")
                throw ExitCode(66)
            }
            let text = String(decoding: bytes, as: UTF8.self)
            suggestion = MappingSuggestion(databases: databases, lines: text.split(separator: "\n"))
        } else {
            suggestion = MappingSuggestion(databases: databases)
        }
        var documents: [String] = []
        for (index, path) in dbcFiles.enumerated() {
            let mine = suggestion.entries.filter { $0.database == index }
            let active = mine.filter { $0.confidence >= MappingSuggestion.activeConfidence }
            let review = mine.filter { $0.confidence < MappingSuggestion.activeConfidence }
            let name = path.split(separator: "/").last.map(String.init) ?? path
            var text = "{\n  \"format\": \"cargenius.vss-mapping/1\",\n  \"dbc\": "
            JSONValue.writeString(name, to: &text)
            text += ",\n  \"vss\": \"4.2\",\n"
            text +=
                "  \"comment\": \"Proposed by geniusctl map suggest\(log == nil ? "" : " with a recording"): \(active.count) entries of confidence 0.7 or more are active; the \(review.count) in review are for a person to check and move into signals.\",\n"
            text += "  \"signals\": [" + entriesText(active) + "],\n"
            text += "  \"review\": [" + entriesText(review) + "]\n}"
            documents.append(text)
        }
        standardOutput((documents.count == 1 ? documents[0] : "[\n" + documents.joined(separator: ",\n") + "\n]") + "\n")
        standardError(
            "geniusctl map suggest: \(suggestion.entries.filter { $0.confidence >= MappingSuggestion.activeConfidence }.count) active, \(suggestion.entries.filter { $0.confidence < MappingSuggestion.activeConfidence }.count) for review"
        )
    }

    func entriesText(_ entries: [MappingSuggestion.Entry]) -> String {
        guard !entries.isEmpty else { return "" }
        let lines = entries.map { entry -> String in
            var members: [(String, JSONValue)] = [
                ("path", .string(entry.path)), ("message", .string(entry.message)), ("signal", .string(entry.signal)),
            ]
            if let values = entry.values {
                members.append(("values", .object(Dictionary(values.map { ($0.name, $0.value.mappingJSON) }, uniquingKeysWith: { a, _ in a }))))
            }
            members += [("confidence", .double(entry.confidence)), ("reason", .string(entry.reason))]
            return "    " + JSONValue.orderedObject(members)
        }
        return "\n" + lines.joined(separator: ",\n") + "\n  "
    }
}

extension SignalValue {
    /// The value as a mapping file's value table writes it.
    fileprivate var mappingJSON: JSONValue {
        switch self {
        case .bool(let flag): .bool(flag)
        case .number(let number): .double(number)
        case .string(let text): .string(text)
        case .strings(let texts): .array(texts.map { .string($0) })
        }
    }
}
