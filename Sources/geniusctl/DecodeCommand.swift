import ArgumentParser
import CANBus
import DBC
import JSON

struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode a candump -L log with DBC files, one JSON object per frame.",
        discussion: """
            Prints {"timestamp": T, "interface": I, "id": N, "message": NAME, "signals": {...}} for every frame \
            whose identifier the DBC files know, in input order, or "error" in place of "signals" when the frame \
            cannot be decoded. Unknown identifiers are skipped and counted on stderr; malformed lines are reported \
            on stderr with their line number and skipped. Float signals that hold NaN or infinity print as NaN, \
            Infinity, -Infinity (as Python's json module reads them).
            """
    )

    @Option(name: .customLong("dbc"), help: ArgumentHelp("A DBC file; repeat for several buses.", valueName: "FILE"))
    var dbcFiles: [String] = []

    @Flag(help: "Print VAL_ value names instead of numbers where the DBC has them.")
    var choices = false

    @Flag(help: "List each DBC warning (overlapping signals, dangling references) instead of counting them.")
    var warnings = false

    @Argument(help: ArgumentHelp("The candump -L log; - or nothing reads standard input.", valueName: "LOG"))
    var log: String?

    func validate() throws {
        guard !dbcFiles.isEmpty else { throw ValidationError("give at least one --dbc FILE") }
    }

    func run() throws {
        var codecs: [DBCCodec] = []
        for path in dbcFiles {
            do {
                let database = try DBCParser.load(path: path)
                if warnings {
                    for warning in database.warnings { standardError("geniusctl: \(warning)") }
                } else if !database.warnings.isEmpty {
                    standardError("geniusctl: \(path): \(database.warnings.count) warnings (--warnings lists them)")
                }
                codecs.append(DBCCodec(database))
            } catch {
                standardError("geniusctl: \(error)")
                throw ExitCode(2)
            }
        }
        var decoder = LogDecoder(codecs: codecs, choices: choices)
        let source = log ?? "-"
        if source == "-" {
            var lineNumber = 0
            while let line = readLine(strippingNewline: true) {
                lineNumber += 1
                var text = line
                text.withUTF8 { decoder.decodeLine($0, number: lineNumber, source: "<stdin>") }
                decoder.flush(force: false)
            }
        } else {
            let data: [UInt8]
            do {
                data = try readWholeFile(source)
            } catch {
                standardError("geniusctl: cannot read \(source): \(error)")
                throw ExitCode(2)
            }
            data.withUnsafeBufferPointer { bytes in
                var lineStart = 0
                var lineNumber = 0
                while lineStart < bytes.count {
                    var end = lineStart
                    while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                    lineNumber += 1
                    decoder.decodeLine(UnsafeBufferPointer(rebasing: bytes[lineStart..<end]), number: lineNumber, source: source)
                    decoder.flush(force: false)
                    lineStart = end + 1
                }
            }
        }
        decoder.flush(force: true)
        decoder.reportSummary()
    }
}

/// Decodes log lines into JSON lines, buffering output.
private struct LogDecoder {
    let codecs: [DBCCodec]
    let choices: Bool
    var buffers: [DBCDecodedSignals]
    var output = ""
    var unknown: [CANIdentifier: Int] = [:]
    var skippedKinds = 0

    init(codecs: [DBCCodec], choices: Bool) {
        self.codecs = codecs
        self.choices = choices
        self.buffers = codecs.map { $0.makeBuffer() }
        output.reserveCapacity(1 << 16)
    }

    mutating func decodeLine(_ bytes: UnsafeBufferPointer<UInt8>, number: Int, source: String) {
        let frame: CANFrame
        do {
            guard let parsed = try CandumpLog.parse(bytes: bytes) else { return }
            frame = parsed
        } catch {
            standardError("geniusctl: \(source):\(number):\(error.column): malformed candump line skipped: \(error.reason)")
            return
        }
        switch frame.kind {
        case .remote, .error:
            skippedKinds += 1
            return
        case .classic, .fd:
            break
        }
        for (which, codec) in codecs.enumerated() {
            guard let index = codec.messageIndex(for: frame.id) else { continue }
            let message = codec.database.messages[index]
            output += "{\"timestamp\": \(frame.timestamp.decimalString), \"interface\": "
            JSONValue.writeString(frame.interface, to: &output)
            output += ", \"id\": \(frame.id.value), \"message\": "
            JSONValue.writeString(message.name, to: &output)
            do {
                _ = try codec.decode(frame, into: &buffers[which])
            } catch {
                output += ", \"error\": "
                JSONValue.writeString(error.description, to: &output)
                output += "}\n"
                return
            }
            output += ", \"signals\": {"
            let decoded = buffers[which]
            var first = true
            for signalIndex in 0..<decoded.count where decoded.present[signalIndex] {
                let signal = message.signals[signalIndex]
                output += first ? "" : ", "
                first = false
                JSONValue.writeString(signal.name, to: &output)
                output += ": "
                if choices, signal.valueType == .integer, let name = signal.choiceName(forRaw: Int64(bitPattern: decoded.raw[signalIndex])) {
                    JSONValue.writeString(name, to: &output)
                } else {
                    appendJSONNumber(decoded.physical[signalIndex], to: &output)
                }
            }
            output += "}}\n"
            return
        }
        unknown[frame.id, default: 0] += 1
    }

    mutating func flush(force: Bool) {
        guard force || output.utf8.count >= 1 << 16 else { return }
        standardOutput(output)
        output.removeAll(keepingCapacity: true)
    }

    func reportSummary() {
        if !unknown.isEmpty {
            let total = unknown.values.reduce(0, +)
            let ids = unknown.keys.sorted().prefix(20).map(\.description).joined(separator: " ")
            let more = unknown.count > 20 ? " ..." : ""
            standardError("geniusctl: \(total) frames with \(unknown.count) identifiers unknown to the DBC files skipped: \(ids)\(more)")
        }
        if skippedKinds > 0 {
            standardError("geniusctl: \(skippedKinds) remote or error frames skipped")
        }
    }
}

/// A JSON number as the decode contract prints it: like `JSONValue.format`, but NaN and infinities print as
/// Python's json module writes and reads them (a float signal may hold them; `null` would lose that).
func appendJSONNumber(_ value: Double, to output: inout String) {
    if value.isNaN {
        output += "NaN"
    } else if value.isInfinite {
        output += value < 0 ? "-Infinity" : "Infinity"
    } else {
        output += JSONValue.format(value)
    }
}
