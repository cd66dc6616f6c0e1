import ArgumentParser
import JSON
import Varlink

#if canImport(Glibc)
    import Glibc
#endif

/// `geniusctl signals`: the vehicle's signals as the daemon has them (io.cargenius.Vehicle).
struct SignalsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signals",
        abstract: "Read the vehicle's signals from the daemon: get, list, watch.",
        subcommands: [SignalsGet.self, SignalsList.self, SignalsWatch.self]
    )
}

struct SignalsGet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "The latest value of each VSS path, with its unit, status and age.")

    @OptionGroup var daemon: DaemonOptions

    @Flag(name: .long, help: "The reply as one JSON object: {\"values\": [{path, status, value, unit, age}]}.")
    var json = false

    @Argument(help: ArgumentHelp("VSS paths, e.g. Vehicle.Speed.", valueName: "PATH"))
    var paths: [String]

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("name at least one VSS path") }
    }

    func run() async throws {
        let connection = try DaemonConnection.open(daemon.resolvedAddress, command: "geniusctl signals get")
        let reply = try await connection.call(
            "io.cargenius.Vehicle.Get", ["paths": .array(paths.map { .string($0) })])
        await connection.close()
        if json {
            standardOutput(JSONValue.object(reply).jsonText + "\n")
            return
        }
        let rows = (reply["values"]?.array ?? []).map(SignalRow.init)
        standardOutput(table(rows.map(\.cells)))
    }
}

struct SignalsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "The signals this vehicle provides, by VSS branch.")

    @OptionGroup var daemon: DaemonOptions

    @Flag(name: .long, help: "The reply as one JSON object: {\"branches\": [{name, signals: [...]}]}.")
    var json = false

    @Argument(help: ArgumentHelp("Only this branch and below, e.g. Vehicle.Cabin.Door.", valueName: "BRANCH"))
    var branch: String?

    func run() async throws {
        let connection = try DaemonConnection.open(daemon.resolvedAddress, command: "geniusctl signals list")
        let reply = try await connection.call("io.cargenius.Vehicle.List", branch.map { ["branch": .string($0)] } ?? [:])
        await connection.close()
        if json {
            standardOutput(JSONValue.object(reply).jsonText + "\n")
            return
        }
        var out = ""
        for branch in reply["branches"]?.array ?? [] {
            out += (branch["name"]?.string ?? "?") + "\n"
            let rows = (branch["signals"]?.array ?? []).map { signal in
                [
                    "  " + (signal["path"]?.string ?? "?"), signal["datatype"]?.string ?? "",
                    signal["unit"]?.string ?? "", signal["description"]?.string ?? "",
                ]
            }
            out += table(rows)
        }
        standardOutput(out)
    }
}

struct SignalsWatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Watch signals change (io.cargenius.Vehicle.Subscribe).",
        discussion: """
            A PATTERN is a VSS path, a branch (every signal below it) or a glob with * and ? \
            (Vehicle.Cabin.Door.*.IsOpen). On a terminal, a table redrawn in place; otherwise one line per \
            change: PATH VALUE UNIT STATUS. Runs until interrupted or the daemon ends the stream.
            """
    )

    @OptionGroup var daemon: DaemonOptions

    @Flag(name: .long, help: "Each reply of the stream as one JSON object per line: {\"values\": [...]}.")
    var json = false

    @Option(name: .long, help: "At most one update per signal per this many seconds.")
    var interval: Double = 0.5

    @Argument(help: ArgumentHelp("VSS paths, branches or globs.", valueName: "PATTERN"))
    var patterns: [String]

    func validate() throws {
        guard !patterns.isEmpty else { throw ValidationError("name at least one path, branch or pattern") }
        guard interval >= 0, interval.isFinite else { throw ValidationError("--interval must be zero or more seconds") }
    }

    func run() async throws {
        let connection = try DaemonConnection.open(daemon.resolvedAddress, command: "geniusctl signals watch")
        let paths = try await expand(patterns, connection)
        guard !paths.isEmpty else {
            standardError("geniusctl signals watch: no signal of this vehicle matches \(patterns.joined(separator: " "))")
            throw ExitCode(1)
        }
        let live = !json && isTerminal(1)
        var rows: [String: SignalRow] = [:]
        var drawnLines = 0
        try await connection.stream(
            "io.cargenius.Vehicle.Subscribe",
            ["paths": .array(paths.map { .string($0) }), "interval": .double(interval)]
        ) { reply in
            if json {
                standardOutput(JSONValue.object(reply).jsonText + "\n")
                return true
            }
            let changed = (reply["values"]?.array ?? []).map(SignalRow.init)
            if !live {
                standardOutput(changed.map { $0.cells.joined(separator: " ") + "\n" }.joined())
                return true
            }
            for row in changed { rows[row.path] = row }
            let ordered = paths.compactMap { rows[$0] }
            let lines = table(ordered.map(\.cells)).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            var out = drawnLines > 0 ? "\u{1B}[\(drawnLines)A" : ""
            for line in lines { out += "\r\u{1B}[K" + line + "\n" }
            drawnLines = lines.count
            standardOutput(out)
            return true
        }
        await connection.close()
    }

    /// Paths as they are; branches and globs through Vehicle.List.
    private func expand(_ patterns: [String], _ connection: DaemonConnection) async throws -> [String] {
        var known: [String]?
        var paths: [String] = []
        var seen: Set<String> = []
        for pattern in patterns {
            if known == nil {
                let reply = try await connection.call("io.cargenius.Vehicle.List")
                known = (reply["branches"]?.array ?? []).flatMap { branch in
                    (branch["signals"]?.array ?? []).compactMap { $0["path"]?.string }
                }
            }
            let all = known ?? []
            var matches: [String]
            if pattern.contains("*") || pattern.contains("?") {
                matches = all.filter { globMatches(Array($0), Array(pattern)) }
            } else if all.contains(pattern) {
                matches = [pattern]
            } else {
                matches = all.filter { $0.hasPrefix(pattern + ".") }
                // Not a signal of this vehicle: ask for it anyway, the daemon answers "unknown".
                if matches.isEmpty { matches = [pattern] }
            }
            for path in matches.sorted() where seen.insert(path).inserted { paths.append(path) }
        }
        return paths
    }
}

/// `*` matches any run of characters (dots included), `?` one character.
func globMatches(_ text: [Character], _ pattern: [Character]) -> Bool {
    var t = 0
    var p = 0
    var star = -1
    var mark = 0
    while t < text.count {
        if p < pattern.count, pattern[p] == "?" || pattern[p] == text[t] {
            t += 1
            p += 1
        } else if p < pattern.count, pattern[p] == "*" {
            star = p
            mark = t
            p += 1
        } else if star >= 0 {
            p = star + 1
            mark += 1
            t = mark
        } else {
            return false
        }
    }
    while p < pattern.count, pattern[p] == "*" { p += 1 }
    return p == pattern.count
}

/// One io.cargenius.Vehicle `Value` for display.
struct SignalRow {
    var path: String
    var cells: [String]

    init(_ value: JSONValue) {
        path = value["path"]?.string ?? "?"
        let status = value["status"]?.string ?? ""
        var shown = value["value"].map(displayValue) ?? "—"
        if let unit = value["unit"]?.string, !unit.isEmpty, value["value"] != nil { shown += " " + unit }
        let age = value["age"]?.number.map { displayAge($0) } ?? ""
        cells = [path, shown, status, age]
    }
}

/// A value for people: strings bare, numbers without float noise, lists and objects as JSON.
func displayValue(_ value: JSONValue) -> String {
    switch value {
    case .string(let text): return text
    case .double(let number):
        let rounded = (number * 1000).rounded() / 1000
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int64(rounded)) : "\(rounded)"
    case .null: return "—"
    default: return value.jsonText
    }
}

/// An age in seconds as "0.4 s ago", "3 min ago", "2 h ago".
func displayAge(_ seconds: Double) -> String {
    if seconds < 60 { return "\((seconds * 10).rounded() / 10) s ago" }
    if seconds < 3600 { return "\(Int(seconds / 60)) min ago" }
    if seconds < 86400 * 2 { return "\(Int(seconds / 3600)) h ago" }
    return "\(Int(seconds / 86400)) d ago"
}

/// Rows as left-aligned columns, two spaces apart; a line each.
func table(_ rows: [[String]]) -> String {
    var widths: [Int] = []
    for row in rows {
        for (index, cell) in row.enumerated() {
            if index >= widths.count { widths.append(0) }
            widths[index] = max(widths[index], cell.count)
        }
    }
    var out = ""
    for row in rows {
        var line = ""
        for (index, cell) in row.enumerated() {
            line += cell
            if index < row.count - 1 { line += String(repeating: " ", count: widths[index] - cell.count + 2) }
        }
        while line.last == " " { line.removeLast() }
        out += line + "\n"
    }
    return out
}
