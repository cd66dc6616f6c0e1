/// Why a DBC file could not be loaded, and where.
public struct DBCError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// The text does not follow the grammar: what the parser expected, and what it found.
        case syntax(expected: String, found: String)
        /// The text parses but means something impossible (a 65-bit signal, a DLC above 64).
        case invalid(String)
        /// The file could not be read at all.
        case unreadable(String)
    }

    public var file: String
    /// 1-based; 0 when the file could not be read.
    public var line: Int
    /// 1-based, in characters.
    public var column: Int
    public var kind: Kind

    public init(file: String, line: Int, column: Int, kind: Kind) {
        self.file = file
        self.line = line
        self.column = column
        self.kind = kind
    }

    /// `FILE:LINE:COLUMN: error: expected X, found Y`, the form editors and compilers use.
    public var description: String {
        switch kind {
        case .syntax(let expected, let found):
            return "\(file):\(line):\(column): error: expected \(expected), found \(found)"
        case .invalid(let message):
            return "\(file):\(line):\(column): error: \(message)"
        case .unreadable(let message):
            return "\(file): error: \(message)"
        }
    }
}

/// Why a frame could not be decoded (the cases cantools reports as `DecodeError`).
public enum DBCDecodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The payload is shorter than the message's length.
    case frameTooShort(expected: Int, actual: Int)
    /// The multiplexor's value selects no signals the DBC defines.
    case undefinedMultiplexerValue(signal: String, value: Int64)
    /// The multiplexor's value is not a finite number (a float multiplexor holding NaN).
    case invalidMultiplexerValue(signal: String)
    /// A signal reaches past the message's length (the DBC is inconsistent).
    case signalOutsideMessage(signal: String)

    public var description: String {
        switch self {
        case .frameTooShort(let expected, let actual):
            "frame has \(actual) bytes, message needs \(expected)"
        case .undefinedMultiplexerValue(let signal, let value):
            "multiplexer \(signal) has value \(value), which the DBC does not define"
        case .invalidMultiplexerValue(let signal):
            "multiplexer \(signal) has no integer value"
        case .signalOutsideMessage(let signal):
            "signal \(signal) reaches past the end of the message"
        }
    }
}
