import CANBus
import FoundationEssentials

/// Reads DBC files (the Vector CANdb++ format) into a `DBCDatabase`.
///
/// Lenient where real files are sloppy: names may start with digits, receivers may be separated by
/// spaces, unknown or malformed statements outside `BO_`/`SG_` are skipped with a warning, and
/// standard identifiers above 0x7FF are read as extended. Strict where decoding depends on it: a
/// broken `BO_` or `SG_` statement is an error naming file, line, column and what was expected.
public enum DBCParser {
    public struct Options: Sendable {
        /// Turn every skipped statement into an error instead of a warning.
        public var strict: Bool
        public init(strict: Bool = false) { self.strict = strict }
    }

    /// Loads the DBC file at `path` (UTF-8 or Windows-1252).
    public static func load(path: String, options: Options = Options()) throws(DBCError) -> DBCDatabase {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw DBCError(file: path, line: 0, column: 0, kind: .unreadable("cannot read the file: \(fileReadProblem(path))"))
        }
        return try parse(bytes: [UInt8](data), file: path, options: options)
    }

    /// Parses DBC text.
    public static func parse(text: String, file: String = "<text>", options: Options = Options()) throws(DBCError) -> DBCDatabase {
        try parse(bytes: Array(text.utf8), file: file, options: options)
    }

    /// Parses a DBC file's bytes; `file` is used in errors and warnings.
    public static func parse(bytes: [UInt8], file: String, options: Options = Options()) throws(DBCError) -> DBCDatabase {
        let text = DBCTextEncoding.utf8Bytes(from: bytes)
        return try text.withUnsafeBufferPointer { buffer in
            Result { () throws(DBCError) -> DBCDatabase in
                var parser = Parser(bytes: buffer, file: file, options: options)
                try parser.parseFile()
                return parser.finish()
            }
        }.get()
    }
}

// MARK: - The parser

private struct RawMessage {
    var dbcID: UInt32
    var name: String
    var length: Int
    var sender: String
    var signals: [DBCSignal]
    var line: Int
    var comment: String?
    var attributes: [String: DBCAttributeValue] = [:]
    /// `SIG_VALTYPE_` codes by signal index.
    var valueTypes: [Int: Int] = [:]
    /// `SG_MUL_VAL_` entries by signal index.
    var extendedMultiplexing: [Int: MultiplexValues] = [:]
}

private struct SignalKey: Hashable {
    var dbcID: UInt32
    var name: String
}

private struct MultiplexValues {
    var multiplexer: String
    var ranges: [ClosedRange<Int64>]
}

/// Statement keywords: a word that starts a new statement ends a free list (nodes, receivers).
private let statementKeywords: Set<String> = [
    "VERSION", "NS_", "BS_", "BU_", "BO_", "SG_", "BO_TX_BU_", "CM_", "BA_DEF_", "BA_DEF_DEF_", "BA_", "BA_DEF_REL_",
    "BA_DEF_DEF_REL_", "BA_REL_", "VAL_", "VAL_TABLE_", "SIG_VALTYPE_", "SG_MUL_VAL_", "SIG_GROUP_", "EV_",
    "ENVVAR_DATA_", "EV_DATA_", "SGTYPE_", "SGTYPE_VAL_", "SIG_TYPE_REF_", "SIGTYPE_VALTYPE_", "CAT_DEF_", "CAT_",
    "FILTER", "BU_SG_REL_", "BU_EV_REL_", "BU_BO_REL_", "NS_DESC_", "BA_DEF_SGTYPE_", "BA_SGTYPE_",
]

/// Statement keywords that never appear in an `NS_` symbol list: one of them ends the list.
private let symbolListEnders: Set<String> = ["VERSION", "NS_", "BS_", "BU_", "BO_", "SG_"]

private struct Parser {
    let bytes: UnsafeBufferPointer<UInt8>
    let file: String
    let options: DBCParser.Options
    var index = 0
    var line = 1
    var lineStart = 0

    var database = DBCDatabase()
    var messages: [RawMessage] = []
    var messageComments: [UInt32: String] = [:]
    var signalComments: [SignalKey: String] = [:]
    var choices: [SignalKey: ([DBCChoice], Int)] = [:]
    var valueTypes: [SignalKey: (Int, Int)] = [:]
    var multiplexValues: [SignalKey: (MultiplexValues, Int)] = [:]
    var extraSenders: [UInt32: [String]] = [:]
    var signalGroups: [UInt32: [DBCSignalGroup]] = [:]
    var defaults: [String: DBCAttributeValue] = [:]
    var pendingAttributes: [(name: String, target: AttributeTarget, value: DBCAttributeValue, line: Int)] = []

    enum AttributeTarget {
        case network
        case node(String)
        case message(UInt32)
        case signal(SignalKey)
        case environmentVariable
    }

    init(bytes: UnsafeBufferPointer<UInt8>, file: String, options: DBCParser.Options) {
        self.bytes = bytes
        self.file = file
        self.options = options
    }

    // MARK: Statements

    mutating func parseFile() throws(DBCError) {
        while true {
            skipSpace()
            if atEnd { return }
            let statementLine = line
            let statementStart = index
            guard let keyword = word() else {
                index = statementStart
                throw syntaxError(expected: "a DBC keyword (BO_, SG_, CM_, ...)")
            }
            do throws(DBCError) {
                switch keyword {
                case "VERSION": database.version = try string()
                case "NS_": try newSymbols()
                case "BS_": try bitTiming()
                case "BU_": try nodeList()
                case "BO_": try message(line: statementLine)
                case "SG_": throw invalid("SG_ outside a BO_ message", at: statementStart)
                case "BO_TX_BU_": try transmitters()
                case "CM_": try comment()
                case "BA_DEF_": try attributeDefinition(relation: false)
                case "BA_DEF_REL_": try attributeDefinition(relation: true)
                case "BA_DEF_DEF_", "BA_DEF_DEF_REL_": try attributeDefault()
                case "BA_": try attribute(line: statementLine)
                case "VAL_": try valueDescriptions(line: statementLine)
                case "VAL_TABLE_": try valueTable()
                case "SIG_VALTYPE_": try signalValueType(line: statementLine)
                case "SG_MUL_VAL_": try extendedMultiplexing(line: statementLine)
                case "SIG_GROUP_": try signalGroup()
                case "EV_":
                    skipSpace()
                    if let name = word() { database.environmentVariables.append(name) }
                    try skipStatement()
                case "BA_REL_", "ENVVAR_DATA_", "EV_DATA_", "SGTYPE_", "SGTYPE_VAL_", "SIG_TYPE_REF_", "SIGTYPE_VALTYPE_",
                    "CAT_DEF_", "CAT_", "FILTER", "BU_SG_REL_", "BU_EV_REL_", "BU_BO_REL_", "NS_DESC_", "BA_DEF_SGTYPE_",
                    "BA_SGTYPE_":
                    // Tolerated: kept out of the model, never needed to decode.
                    try skipStatement()
                default:
                    throw DBCError(
                        file: file, line: statementLine, column: column(of: statementStart),
                        kind: .syntax(expected: "a DBC keyword (BO_, SG_, CM_, ...)", found: "'\(keyword)'"))
                }
            } catch {
                // A broken message definition changes what frames mean: never guess past it.
                // Nor past text that is not DBC at all.
                if keyword == "BO_" || keyword == "SG_" || keyword == "VERSION" || !statementKeywords.contains(keyword) { throw error }
                try recover(from: error, statementStart: statementStart)
            }
        }
    }

    /// Lenient mode: warn and skip to the end of the broken statement. Strict mode: rethrow.
    mutating func recover(from error: DBCError, statementStart: Int) throws(DBCError) {
        if options.strict { throw error }
        let message: String
        switch error.kind {
        case .syntax(let expected, let found): message = "statement skipped at column \(error.column): expected \(expected), found \(found)"
        case .invalid(let text): message = "statement skipped: \(text)"
        case .unreadable(let text): message = text
        }
        database.warnings.append(DBCWarning(file: file, line: error.line, message: message))
        // Skip to the statement's ';', or to the start of the next line that opens a statement.
        if index <= statementStart { index = statementStart + 1 }
        while !atEnd {
            let byte = bytes[index]
            if byte == UInt8(ascii: ";") {
                index += 1
                return
            }
            if byte == UInt8(ascii: "\"") {
                _ = try? string()
                continue
            }
            if byte == UInt8(ascii: "\n") {
                newline()
                let save = (index, line, lineStart)
                skipSpace()
                let wordStart = index
                if let next = word(), statementKeywords.contains(next) {
                    index = wordStart
                    return
                }
                (index, line, lineStart) = save
                continue
            }
            index += 1
        }
    }

    mutating func newSymbols() throws(DBCError) {
        let statementLine = line
        try expect(":")
        // A list of symbol names, ended by the next `NAME :` (usually `BS_:`), or by a statement that
        // never is a symbol (a file without its `BS_:` line goes on with `BU_` or `BO_`).
        while true {
            skipSpace()
            let start = (index, line, lineStart)
            guard let symbol = word() else { return }
            skipSpace()
            if peek == UInt8(ascii: ":") {
                (index, line, lineStart) = start
                return
            }
            if symbolListEnders.contains(symbol) {
                (index, line, lineStart) = start
                database.warnings.append(
                    warn("NS_ is not followed by a BS_: line (cantools rejects such a file); read on from \(symbol)", line: statementLine))
                return
            }
        }
    }

    mutating func bitTiming() throws(DBCError) {
        try expect(":")
        skipSpace()
        guard peekIsNumberStart else { return }
        _ = try number()
        if accept(":") {
            _ = try number()
            try expect(",")
            _ = try number()
        }
    }

    /// `BU_: A B C`: node names on the rest of the line, or, when that is empty, one per line up to the next statement.
    mutating func nodeList() throws(DBCError) {
        try expect(":")
        let names = sameLineNames()
        database.nodes += names
        guard names.isEmpty else { return }
        while true {
            skipSpace()
            let start = (index, line, lineStart)
            guard let name = word() else { return }
            if statementKeywords.contains(name) {
                (index, line, lineStart) = start
                return
            }
            database.nodes.append(name)
        }
    }

    mutating func message(line statementLine: Int) throws(DBCError) {
        let idStart = index
        let rawID = try unsignedNumber("a message identifier")
        let name = try name("a message name")
        try expect(":")
        let lengthStart = index
        let length = try unsignedNumber("the message length in bytes")
        guard length <= 64 else { throw invalid("message length \(length) is above 64 bytes", at: lengthStart) }
        skipSpace()
        let sender = word() ?? "Vector__XXX"
        guard rawID <= 0xFFFF_FFFF else { throw invalid("message identifier \(rawID) does not fit in 32 bits", at: idStart) }
        var message = RawMessage(
            dbcID: UInt32(rawID), name: name, length: Int(length), sender: sender, signals: [], line: statementLine, comment: nil)
        while true {
            skipSpace()
            let start = (index, line, lineStart)
            guard word() == "SG_" else {
                (index, line, lineStart) = start
                break
            }
            message.signals.append(try signal())
        }
        messages.append(message)
    }

    mutating func signal() throws(DBCError) -> DBCSignal {
        let signalLine = line
        let name = try name("a signal name")
        skipSpace()
        var marker = DBCMultiplexMarker.none
        if peek != UInt8(ascii: ":") {
            let markerStart = index
            guard let text = word(), let parsed = Self.multiplexMarker(text) else {
                index = markerStart
                throw syntaxError(expected: "':' or a multiplexer marker (M, m<value>, m<value>M)")
            }
            marker = parsed
        }
        try expect(":")
        let startStart = index
        let startBit = try unsignedNumber("the start bit")
        try expect("|")
        let lengthStart = index
        let length = try unsignedNumber("the signal length in bits")
        try expect("@")
        skipSpace()
        let byteOrder: DBCByteOrder
        switch peek {
        case UInt8(ascii: "0"): byteOrder = .bigEndian
        case UInt8(ascii: "1"): byteOrder = .littleEndian
        default: throw syntaxError(expected: "the byte order, 0 (Motorola) or 1 (Intel)")
        }
        index += 1
        skipSpace()
        let isSigned: Bool
        switch peek {
        case UInt8(ascii: "+"): isSigned = false
        case UInt8(ascii: "-"): isSigned = true
        default: throw syntaxError(expected: "'+' (unsigned) or '-' (signed)")
        }
        index += 1
        try expect("(")
        let factor = try number().value
        try expect(",")
        let offset = try number().value
        try expect(")")
        try expect("[")
        let minimum = try number()
        try expect("|")
        let maximum = try number()
        try expect("]")
        let unit = try string()
        let receivers = sameLineNames()
        guard (1...64).contains(length) else { throw invalid("signal \(name) has length \(length); it must be 1 to 64 bits", at: lengthStart) }
        guard startBit < 512 else { throw invalid("signal \(name) starts at bit \(startBit), beyond any CAN frame", at: startStart) }
        let noRange = minimum.text == "0" && maximum.text == "0"
        return DBCSignal(
            name: name, startBit: Int(startBit), length: Int(length), byteOrder: byteOrder, isSigned: isSigned,
            valueType: .integer, factor: factor, offset: offset,
            minimum: noRange ? nil : minimum.value, maximum: noRange ? nil : maximum.value, unit: unit,
            receivers: receivers == ["Vector__XXX"] ? [] : receivers, marker: marker, multiplexerSignal: nil,
            multiplexerValues: nil, isMultiplexer: false, choices: [], comment: nil, attributes: [:],
            initialRawValue: nil, line: signalLine)
    }

    static func multiplexMarker(_ text: String) -> DBCMultiplexMarker? {
        if text == "M" { return .multiplexor }
        // A bare `m` (seen in the wild) names no value: the signal is read as always present.
        if text == "m" { return DBCMultiplexMarker.none }
        var body = Substring(text)
        guard body.first == "m" else { return nil }
        body = body.dropFirst()
        var multiplexes = false
        if body.last == "M" {
            multiplexes = true
            body = body.dropLast()
        }
        guard let value = Int64(body) else { return nil }
        return multiplexes ? .multiplexedMultiplexor(value) : .multiplexed(value)
    }

    /// Receivers: names on the rest of the line, separated by commas or spaces.
    mutating func sameLineNames() -> [String] {
        var names: [String] = []
        while true {
            while !atEnd,
                bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") || bytes[index] == UInt8(ascii: ",")
                    || bytes[index] == UInt8(ascii: "\r")
            {
                index += 1
            }
            let start = index
            guard let name = word() else { return names }
            if statementKeywords.contains(name) {
                index = start
                return names
            }
            names.append(name)
        }
    }

    mutating func transmitters() throws(DBCError) {
        let id = try messageID()
        try expect(":")
        var names: [String] = []
        while true {
            skipSpace()
            if accept(";") { break }
            if accept(",") { continue }
            names.append(try name("a node name"))
        }
        extraSenders[id, default: []].append(contentsOf: names)
    }

    mutating func comment() throws(DBCError) {
        skipSpace()
        if peek == UInt8(ascii: "\"") {
            let text = try string()
            database.comment = (database.comment ?? "") + text
        } else {
            let objectStart = index
            guard let object = word() else { throw syntaxError(expected: "a comment string or BU_, BO_, SG_, EV_") }
            switch object {
            case "BU_":
                let node = try name("a node name")
                database.nodeComments[node] = try string()
            case "BO_":
                let id = try messageID()
                messageComments[id] = try string()
            case "SG_":
                let id = try messageID()
                let signal = try name("a signal name")
                signalComments[SignalKey(dbcID: id, name: signal)] = try string()
            case "EV_":
                _ = try name("an environment variable name")
                _ = try string()
            default:
                index = objectStart
                throw syntaxError(expected: "a comment string or BU_, BO_, SG_, EV_")
            }
        }
        try expect(";")
    }

    mutating func attributeDefinition(relation: Bool) throws(DBCError) {
        skipSpace()
        var object = DBCAttributeDefinition.Object.network
        if peek != UInt8(ascii: "\"") {
            let objectStart = index
            guard let word = word(), let parsed = DBCAttributeDefinition.Object(rawValue: word) else {
                index = objectStart
                throw syntaxError(expected: relation ? "BU_SG_REL_, BU_BO_REL_ or BU_EV_REL_" : "BU_, BO_, SG_, EV_ or the attribute name")
            }
            object = parsed
        }
        let name = try string()
        let typeStart = index
        let typeName = try self.name("an attribute type (INT, HEX, FLOAT, STRING, ENUM)")
        let kind: DBCAttributeDefinition.Kind
        switch typeName {
        case "INT", "HEX":
            skipSpace()
            var minimum: Int64?
            var maximum: Int64?
            if peekIsNumberStart {
                minimum = try number().integer
                maximum = try number().integer
            }
            kind = typeName == "INT" ? .integer(minimum: minimum, maximum: maximum) : .hex(minimum: minimum, maximum: maximum)
        case "FLOAT":
            skipSpace()
            var minimum: Double?
            var maximum: Double?
            if peekIsNumberStart {
                minimum = try number().value
                maximum = try number().value
            }
            kind = .float(minimum: minimum, maximum: maximum)
        case "STRING":
            kind = .string
        case "ENUM":
            var values: [String] = []
            while true {
                skipSpace()
                if peek == UInt8(ascii: ";") { break }
                if accept(",") { continue }
                values.append(try string())
            }
            kind = .enumeration(values)
        default:
            index = typeStart
            throw syntaxError(expected: "an attribute type (INT, HEX, FLOAT, STRING, ENUM)")
        }
        try expect(";")
        database.attributeDefinitions[name] = DBCAttributeDefinition(name: name, object: object, kind: kind, defaultValue: nil)
    }

    mutating func attributeDefault() throws(DBCError) {
        let name = try string()
        let value = try attributeValue()
        try expect(";")
        defaults[name] = value
    }

    mutating func attribute(line statementLine: Int) throws(DBCError) {
        let name = try string()
        skipSpace()
        var target = AttributeTarget.network
        if peek != UInt8(ascii: "\"") && !peekIsNumberStart {
            let objectStart = index
            switch word() {
            case "BU_": target = .node(try self.name("a node name"))
            case "BO_": target = .message(try messageID())
            case "SG_":
                let id = try messageID()
                target = .signal(SignalKey(dbcID: id, name: try self.name("a signal name")))
            case "EV_":
                _ = try self.name("an environment variable name")
                target = .environmentVariable
            default:
                index = objectStart
                throw syntaxError(expected: "BU_, BO_, SG_, EV_ or the attribute's value")
            }
        }
        let value = try attributeValue()
        try expect(";")
        pendingAttributes.append((name, target, value, statementLine))
    }

    mutating func attributeValue() throws(DBCError) -> DBCAttributeValue {
        skipSpace()
        if peek == UInt8(ascii: "\"") { return .string(try string()) }
        let number = try number()
        if let integer = number.integer { return .integer(integer) }
        return .float(number.value)
    }

    mutating func valueDescriptions(line statementLine: Int) throws(DBCError) {
        skipSpace()
        if peekIsNumberStart {
            let id = try messageID()
            let signal = try name("a signal name")
            let list = try choiceList()
            choices[SignalKey(dbcID: id, name: signal)] = (list, statementLine)
        } else {
            // Value descriptions of an environment variable.
            _ = try name("a signal's message identifier or an environment variable name")
            _ = try choiceList()
        }
    }

    mutating func valueTable() throws(DBCError) {
        let name = try name("a value table name")
        database.valueTables[name] = try choiceList()
    }

    mutating func choiceList() throws(DBCError) -> [DBCChoice] {
        var list: [DBCChoice] = []
        while true {
            skipSpace()
            if accept(";") { return list }
            let valueStart = index
            let number = try number()
            let value: Int64
            if let integer = number.integer {
                value = integer
            } else if let unsigned = number.unsigned {
                value = Int64(bitPattern: unsigned)
            } else if number.value.rounded() == number.value, abs(number.value) < 9.2e18 {
                value = Int64(number.value)
            } else {
                index = valueStart
                throw syntaxError(expected: "an integer raw value")
            }
            list.append(DBCChoice(value: value, name: try string()))
        }
    }

    mutating func signalValueType(line statementLine: Int) throws(DBCError) {
        let id = try messageID()
        let signal = try name("a signal name")
        _ = accept(":")
        let typeStart = index
        let type = try unsignedNumber("the value type (0 integer, 1 float, 2 double)")
        guard type <= 2 else { throw invalid("SIG_VALTYPE_ \(type) is not 0, 1 or 2", at: typeStart) }
        try expect(";")
        valueTypes[SignalKey(dbcID: id, name: signal)] = (Int(type), statementLine)
    }

    mutating func extendedMultiplexing(line statementLine: Int) throws(DBCError) {
        let id = try messageID()
        let signal = try name("a signal name")
        let multiplexer = try name("the multiplexer signal's name")
        var ranges: [ClosedRange<Int64>] = []
        while true {
            skipSpace()
            if accept(";") { break }
            if accept(",") { continue }
            let lowerStart = index
            let lower = try unsignedNumber("a multiplexer value range (low-high)")
            try expect("-")
            let upper = try unsignedNumber("the upper end of the multiplexer value range")
            guard lower <= upper, upper <= UInt64(Int64.max) else { throw invalid("empty multiplexer value range \(lower)-\(upper)", at: lowerStart) }
            ranges.append(Int64(lower)...Int64(upper))
        }
        multiplexValues[SignalKey(dbcID: id, name: signal)] = (MultiplexValues(multiplexer: multiplexer, ranges: ranges), statementLine)
    }

    mutating func signalGroup() throws(DBCError) {
        let id = try messageID()
        let name = try name("a signal group name")
        let repetitions = try unsignedNumber("the group's repetitions")
        try expect(":")
        var names: [String] = []
        while true {
            skipSpace()
            if accept(";") { break }
            if accept(",") { continue }
            names.append(try self.name("a signal name"))
        }
        signalGroups[id, default: []].append(DBCSignalGroup(name: name, repetitions: Int(repetitions), signalNames: names))
    }

    mutating func skipStatement() throws(DBCError) {
        while true {
            skipSpace()
            if atEnd { throw syntaxError(expected: "';'") }
            if peek == UInt8(ascii: "\"") {
                _ = try string()
            } else if bytes[index] == UInt8(ascii: ";") {
                index += 1
                return
            } else {
                index += 1
            }
        }
    }

    // MARK: Tokens

    var atEnd: Bool { index >= bytes.count }
    var peek: UInt8 { index < bytes.count ? bytes[index] : 0 }

    var peekIsNumberStart: Bool {
        let byte = peek
        if isDigit(byte) || byte == UInt8(ascii: ".") { return true }
        if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") {
            return index + 1 < bytes.count && (isDigit(bytes[index + 1]) || bytes[index + 1] == UInt8(ascii: "."))
        }
        return false
    }

    mutating func newline() {
        index += 1
        line += 1
        lineStart = index
    }

    /// Skips white space and `//` comments, keeping the line count.
    mutating func skipSpace() {
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                newline()
            } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
                index += 1
            } else if byte == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/") {
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            } else {
                return
            }
        }
    }

    /// A run of `[A-Za-z0-9_]` (names may start with a digit in files in the wild).
    mutating func word() -> String? {
        let start = index
        while index < bytes.count, isWordByte(bytes[index]) { index += 1 }
        guard index > start else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    mutating func name(_ what: String) throws(DBCError) -> String {
        skipSpace()
        guard let name = word() else { throw syntaxError(expected: what) }
        return name
    }

    mutating func expect(_ character: Unicode.Scalar) throws(DBCError) {
        skipSpace()
        guard peek == UInt8(ascii: character) else { throw syntaxError(expected: "'\(character)'") }
        index += 1
    }

    mutating func accept(_ character: Unicode.Scalar) -> Bool {
        skipSpace()
        guard peek == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    /// A `"..."` string; `\"` is an escaped quote. Newlines inside are kept.
    mutating func string() throws(DBCError) -> String {
        skipSpace()
        guard peek == UInt8(ascii: "\"") else { throw syntaxError(expected: "a quoted string") }
        let openLine = line
        let openIndex = index
        index += 1
        let start = index
        var hasEscape = false
        while true {
            guard index < bytes.count else {
                throw DBCError(
                    file: file, line: openLine, column: column(of: openIndex),
                    kind: .syntax(expected: "a closing '\"' for this string", found: "the end of the file"))
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                hasEscape = true
                index += 2
                continue
            }
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\n") {
                newline()
            } else {
                index += 1
            }
        }
        var text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        index += 1
        if hasEscape { text = text.replacing("\\\"", with: "\"") }
        return text
    }

    struct Number {
        var value: Double
        var integer: Int64?
        var unsigned: UInt64?
        var text: Substring
    }

    /// A decimal number: `-12`, `0.5`, `1E-005`, `1.`.
    mutating func number() throws(DBCError) -> Number {
        skipSpace()
        let start = index
        if peek == UInt8(ascii: "-") || peek == UInt8(ascii: "+") { index += 1 }
        let digitsStart = index
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        var isInteger = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        guard index > digitsStart, !(index == digitsStart + 1 && !isInteger) else {
            index = start
            throw syntaxError(expected: "a number")
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            let save = index
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
            let exponentStart = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            if index == exponentStart { index = save } else { isInteger = false }
        }
        let text = Substring(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
        if isInteger {
            if let integer = Int64(text) {
                return Number(value: Double(integer), integer: integer, unsigned: integer >= 0 ? UInt64(integer) : nil, text: text)
            }
            if let unsigned = UInt64(text) { return Number(value: Double(unsigned), integer: nil, unsigned: unsigned, text: text) }
        }
        guard let value = Double(text) else {
            index = start
            throw syntaxError(expected: "a number")
        }
        return Number(value: value, integer: nil, unsigned: nil, text: text)
    }

    mutating func unsignedNumber(_ what: String) throws(DBCError) -> UInt64 {
        skipSpace()
        let start = index
        var value: UInt64 = 0
        while index < bytes.count, isDigit(bytes[index]) {
            let (product, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = product.addingReportingOverflow(UInt64(bytes[index] - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { throw invalid("number too large", at: start) }
            value = sum
            index += 1
        }
        guard index > start else { throw syntaxError(expected: what) }
        return value
    }

    mutating func messageID() throws(DBCError) -> UInt32 {
        let start = index
        let value = try unsignedNumber("a message identifier")
        guard value <= 0xFFFF_FFFF else { throw invalid("message identifier \(value) does not fit in 32 bits", at: start) }
        return UInt32(value)
    }

    // MARK: Errors

    func column(of offset: Int) -> Int {
        // Columns count characters, not bytes.
        var lineBegin = offset
        while lineBegin > 0, bytes[lineBegin - 1] != UInt8(ascii: "\n") { lineBegin -= 1 }
        let prefix = UnsafeBufferPointer(rebasing: bytes[lineBegin..<min(offset, bytes.count)])
        return String(decoding: prefix, as: UTF8.self).count + 1
    }

    func lineNumber(of offset: Int) -> Int {
        var count = 1
        for position in 0..<min(offset, bytes.count) where bytes[position] == UInt8(ascii: "\n") { count += 1 }
        return count
    }

    var foundDescription: String {
        guard index < bytes.count else { return "the end of the file" }
        var end = index
        while end < bytes.count, end - index < 20, bytes[end] != UInt8(ascii: "\n"), bytes[end] != UInt8(ascii: "\r") {
            end += 1
            if !isWordByte(bytes[end - 1]) { break }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self)
        return text.isEmpty ? "the end of the line" : "'\(text)'"
    }

    mutating func syntaxError(expected: String) -> DBCError {
        skipSpace()
        return DBCError(file: file, line: line, column: column(of: index), kind: .syntax(expected: expected, found: foundDescription))
    }

    func invalid(_ message: String, at offset: Int) -> DBCError {
        DBCError(file: file, line: lineNumber(of: offset), column: column(of: offset), kind: .invalid(message))
    }

    func warn(_ message: String, line: Int) -> DBCWarning { DBCWarning(file: file, line: line, message: message) }

    // MARK: Resolving references

    mutating func finish() -> DBCDatabase {
        // Defaults and network/node attributes.
        for (name, value) in defaults {
            if database.attributeDefinitions[name] != nil {
                database.attributeDefinitions[name]!.defaultValue = value
            }
        }
        // Apply every reference to its message and signal: one search per statement, none per signal.
        var messagesByID: [UInt32: [Int]] = [:]
        for (index, raw) in messages.enumerated() { messagesByID[raw.dbcID, default: []].append(index) }
        func targets(_ key: SignalKey) -> [(Int, Int)] {
            var found: [(Int, Int)] = []
            for message in messagesByID[key.dbcID] ?? [] {
                if let signal = messages[message].signals.firstIndex(where: { $0.name == key.name }) { found.append((message, signal)) }
            }
            return found
        }
        var definitionCache: (name: String, definition: DBCAttributeDefinition?)?
        for pending in pendingAttributes {
            if definitionCache?.name != pending.name { definitionCache = (pending.name, database.attributeDefinitions[pending.name]) }
            let value = coerce(pending.value, definition: definitionCache?.definition)
            switch pending.target {
            case .network: database.attributes[pending.name] = value
            case .node(let node): database.nodeAttributes[node, default: [:]][pending.name] = value
            case .message(let id):
                guard let found = messagesByID[id] else {
                    database.warnings.append(warn("BA_ for unknown message \(id) ignored", line: pending.line))
                    continue
                }
                for message in found { messages[message].attributes[pending.name] = value }
            case .signal(let key):
                let found = targets(key)
                if found.isEmpty {
                    database.warnings.append(warn("BA_ for unknown signal \(key.name) of message \(key.dbcID) ignored", line: pending.line))
                }
                for (message, signal) in found { messages[message].signals[signal].attributes[pending.name] = value }
            case .environmentVariable: break
            }
        }
        pendingAttributes = []

        let shortNodes = database.nodes
        database.nodes = shortNodes.map(nodeName)
        for (key, text) in signalComments {
            for (message, signal) in targets(key) { messages[message].signals[signal].comment = text }
        }
        for (key, entry) in choices {
            let found = targets(key)
            if found.isEmpty { database.warnings.append(warn("VAL_ for unknown signal \(key.name) of message \(key.dbcID) ignored", line: entry.1)) }
            for (message, signal) in found { messages[message].signals[signal].choices = entry.0 }
        }
        for (key, entry) in valueTypes {
            let found = targets(key)
            if found.isEmpty {
                database.warnings.append(warn("SIG_VALTYPE_ for unknown signal \(key.name) of message \(key.dbcID) ignored", line: entry.1))
            }
            for (message, signal) in found { messages[message].valueTypes[signal] = entry.0 }
        }
        for (key, entry) in multiplexValues {
            let found = targets(key)
            if found.isEmpty {
                database.warnings.append(warn("SG_MUL_VAL_ for unknown signal \(key.name) of message \(key.dbcID) ignored", line: entry.1))
            }
            for (message, signal) in found { messages[message].extendedMultiplexing[signal] = entry.0 }
        }
        for (id, text) in messageComments {
            for message in messagesByID[id] ?? [] { messages[message].comment = text }
        }
        for raw in messages where raw.name != "VECTOR__INDEPENDENT_SIG_MSG" {
            if let message = resolve(raw) { database.messages.append(message) }
        }
        database.warnings.sort { ($0.line, $0.message) < ($1.line, $1.message) }
        return database
    }

    func coerce(_ value: DBCAttributeValue, definition: DBCAttributeDefinition?) -> DBCAttributeValue {
        guard let definition else { return value }
        switch (definition.kind, value) {
        case (.integer, .float(let number)), (.hex, .float(let number)):
            return number.isFinite && abs(number) < 9.2e18 ? .integer(Int64(number)) : value
        case (.integer, .string(let text)), (.hex, .string(let text)):
            if let integer = Int64(text) { return .integer(integer) }
            if let number = Double(text), number.isFinite, abs(number) < 9.2e18 { return .integer(Int64(number)) }
            return value
        case (.float, .integer(let integer)):
            return .float(Double(integer))
        case (.float, .string(let text)):
            return Double(text).map { .float($0) } ?? value
        default:
            return value
        }
    }

    mutating func resolve(_ raw: RawMessage) -> DBCMessage? {
        let isExtendedFlag = raw.dbcID & 0x8000_0000 != 0
        let value = raw.dbcID & 0x7FFF_FFFF
        let id: CANIdentifier
        if isExtendedFlag {
            guard let extended = CANIdentifier(extended: value) else {
                database.warnings.append(
                    warn("message \(raw.name): extended identifier 0x\(String(value, radix: 16)) is above 29 bits; message ignored", line: raw.line))
                return nil
            }
            id = extended
        } else if let standard = CANIdentifier(standard: value) {
            id = standard
        } else if let extended = CANIdentifier(extended: value) {
            database.warnings.append(
                warn(
                    "message \(raw.name): identifier 0x\(String(value, radix: 16)) is above 11 bits without the extended flag (bit 31); read as extended",
                    line: raw.line))
            id = extended
        } else {
            database.warnings.append(
                warn("message \(raw.name): identifier 0x\(String(value, radix: 16)) is above 29 bits; message ignored", line: raw.line))
            return nil
        }

        let attributes = raw.attributes
        var signals = raw.signals
        for (index, type) in raw.valueTypes where type != 0 {
            if (type == 1 && signals[index].length == 32) || (type == 2 && signals[index].length == 64) {
                signals[index].valueType = .float
            } else {
                database.warnings.append(
                    warn(
                        "SIG_VALTYPE_ \(type) of \(raw.name).\(signals[index].name) does not fit its \(signals[index].length) bits; read as an integer",
                        line: signals[index].line))
            }
        }
        for index in signals.indices where !signals[index].attributes.isEmpty {
            if let start = signals[index].attributes["GenSigStartValue"]?.doubleValue { signals[index].initialRawValue = start }
        }
        resolveMultiplexing(&signals, extended: raw.extendedMultiplexing)
        // Names longer than 32 characters live in attributes (CANdb++'s long-name convention).
        for index in signals.indices {
            if let long = signals[index].attributes["SystemSignalLongSymbol"]?.stringValue {
                let short = signals[index].name
                signals[index].name = long
                for other in signals.indices where signals[other].multiplexerSignal == short { signals[other].multiplexerSignal = long }
            }
        }
        let name = attributes["SystemMessageLongSymbol"]?.stringValue ?? raw.name

        var senders = raw.sender == "Vector__XXX" ? [] : [nodeName(raw.sender)]
        for sender in extraSenders[raw.dbcID] ?? [] where !senders.contains(nodeName(sender)) { senders.append(nodeName(sender)) }
        for index in signals.indices { signals[index].receivers = signals[index].receivers.map(nodeName) }

        var cycleTime: Int?
        if let value = (attributes["GenMsgCycleTime"] ?? database.attributeDefinitions["GenMsgCycleTime"]?.defaultValue)?.doubleValue,
            value.isFinite, value > 0, value < 1e9
        {
            cycleTime = Int(value)
        }
        var isFD = false
        if let format = attributes["VFrameFormat"] ?? database.attributeDefinitions["VFrameFormat"]?.defaultValue {
            let name = database.attributeDefinitions["VFrameFormat"]?.enumerationName(format) ?? Self.standardFrameFormats(format)
            isFD = name?.hasSuffix("CAN_FD") ?? false
        }

        let message = DBCMessage(
            name: name, id: id, length: raw.length, senders: senders, signals: signals, comment: raw.comment,
            attributes: attributes, cycleTime: cycleTime, isFD: isFD, signalGroups: signalGroups[raw.dbcID] ?? [], line: raw.line)
        checkLayout(message)
        return message
    }

    func nodeName(_ short: String) -> String {
        database.nodeAttributes[short]?["SystemNodeLongSymbol"]?.stringValue ?? short
    }

    static func standardFrameFormats(_ value: DBCAttributeValue) -> String? {
        let names =
            ["StandardCAN", "ExtendedCAN", "reserved", "J1939PG"] + Array(repeating: "reserved", count: 10) + ["StandardCAN_FD", "ExtendedCAN_FD"]
        switch value {
        case .string(let text): return text
        case .integer(let index): return names.indices.contains(Int(index)) ? names[Int(index)] : nil
        case .float: return nil
        }
    }

    /// Resolves who multiplexes whom, as CANdb++ and cantools read it: with one multiplexor in the
    /// message, `mN` markers refer to it; with several, only `SG_MUL_VAL_` says which and when.
    func resolveMultiplexing(_ signals: inout [DBCSignal], extended multiplexing: [Int: MultiplexValues]) {
        var multiplexors: [String] = []
        for signal in signals {
            switch signal.marker {
            case .multiplexor, .multiplexedMultiplexor: multiplexors.append(signal.name)
            default: break
            }
        }
        let single = multiplexors.count == 1 ? multiplexors[0] : nil
        for index in signals.indices {
            let name = signals[index].name
            let extended = multiplexing[index]
            switch signals[index].marker {
            case .none:
                continue
            case .multiplexor:
                signals[index].isMultiplexer = true
                if single == nil, let extended {
                    signals[index].multiplexerSignal = extended.multiplexer
                    signals[index].multiplexerValues = extended.ranges
                }
            case .multiplexed(let value), .multiplexedMultiplexor(let value):
                if case .multiplexedMultiplexor = signals[index].marker { signals[index].isMultiplexer = true }
                if let single, single != name {
                    signals[index].multiplexerSignal = single
                    var ranges: [ClosedRange<Int64>] = []
                    if case .multiplexed = signals[index].marker { ranges.append(value...value) }
                    if let extended, extended.multiplexer == single { ranges += extended.ranges }
                    signals[index].multiplexerValues = ranges.isEmpty ? nil : ranges
                    if ranges.isEmpty { signals[index].multiplexerSignal = nil }
                } else if single == nil, let extended {
                    signals[index].multiplexerSignal = extended.multiplexer
                    signals[index].multiplexerValues = extended.ranges
                }
            }
        }
    }

    /// Warnings for overlapping signals and signals that do not fit the message.
    mutating func checkLayout(_ message: DBCMessage) {
        let bits = message.length * 8
        // Bits taken by always-present signals, and by signals under each multiplexor value set.
        var rootMask = BitMask()
        var groupMasks: [GroupKey: BitMask] = [:]
        for signal in message.signals {
            var mask = BitMask()
            var outside = false
            DBCLayout.forEachBit(of: signal) { position in
                if position < 0 || position >= bits { outside = true } else { mask.insert(position) }
            }
            if outside {
                database.warnings.append(
                    warn("signal \(message.name).\(signal.name) reaches past the message's \(message.length) bytes", line: signal.line))
            }
            var overlaps = false
            if let values = signal.multiplexerValues, let multiplexer = signal.multiplexerSignal {
                let key = GroupKey(multiplexer: multiplexer, values: values)
                overlaps = rootMask.intersects(mask) || groupMasks[key, default: BitMask()].intersects(mask)
                groupMasks[key, default: BitMask()].formUnion(mask)
            } else {
                overlaps = rootMask.intersects(mask) || groupMasks.values.contains { $0.intersects(mask) }
                rootMask.formUnion(mask)
            }
            if overlaps {
                database.warnings.append(warn("signal \(message.name).\(signal.name) overlaps another signal", line: signal.line))
            }
            if let minimum = signal.minimum, let maximum = signal.maximum, minimum > maximum {
                database.warnings.append(
                    warn("signal \(message.name).\(signal.name) has minimum \(minimum) above maximum \(maximum)", line: signal.line))
            }
        }
    }
}

private struct GroupKey: Hashable {
    var multiplexer: String
    var values: [ClosedRange<Int64>]
}

/// 512 bits: one per bit of the largest CAN FD frame.
private struct BitMask {
    var words = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))

    mutating func insert(_ bit: Int) {
        withUnsafeMutableBytes(of: &words) { raw in
            let word = raw.bindMemory(to: UInt64.self)
            word[bit / 64] |= 1 << UInt64(bit % 64)
        }
    }

    func intersects(_ other: BitMask) -> Bool {
        var result = false
        var copy = words
        var otherWords = other.words
        withUnsafeBytes(of: &copy) { mine in
            withUnsafeBytes(of: &otherWords) { theirs in
                let a = mine.bindMemory(to: UInt64.self)
                let b = theirs.bindMemory(to: UInt64.self)
                for index in 0..<8 where a[index] & b[index] != 0 { result = true }
            }
        }
        return result
    }

    mutating func formUnion(_ other: BitMask) {
        var otherWords = other.words
        withUnsafeMutableBytes(of: &words) { mine in
            withUnsafeBytes(of: &otherWords) { theirs in
                let a = mine.bindMemory(to: UInt64.self)
                let b = theirs.bindMemory(to: UInt64.self)
                for index in 0..<8 { a[index] |= b[index] }
            }
        }
    }
}

/// Where a signal's bits are.
enum DBCLayout {
    /// Calls `body` with each bit position in the frame, numbered as byte × 8 + bit (bit 0 the least
    /// significant of each byte), from the signal's least significant bit for Intel and its most for Motorola.
    static func forEachBit(of signal: DBCSignal, _ body: (Int) -> Void) {
        switch signal.byteOrder {
        case .littleEndian:
            for position in signal.startBit..<(signal.startBit + signal.length) { body(position) }
        case .bigEndian:
            let msb = 8 * (signal.startBit / 8) + (7 - signal.startBit % 8)
            for offset in 0..<signal.length {
                let network = msb + offset
                body(8 * (network / 8) + (7 - network % 8))
            }
        }
    }
}

@inline(__always) private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

@inline(__always) private func isWordByte(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
        || isDigit(byte) || byte == UInt8(ascii: "_")
}
