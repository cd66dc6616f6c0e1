/// The `candump -L` log line format, as written by can-utils' `candump -L` and `log2long`, read by
/// `canplayer`, python-can and cantools:
///
///     (1700000000.000137) vcan0 123#DEADBEEF          classic, 3 hex digits: standard identifier
///     (1700000000.000200) vcan0 12345678#00           8 hex digits: extended identifier
///     (1700000000.000300) vcan1 123##1DEADBEEF        CAN FD, the flags nibble first
///     (1700000000.000400) vcan0 123#R                 remote frame (`123#R4`: requests 4 bytes)
///     (1700000000.000500) vcan0 20000004#0004000000000000   error frame (`CAN_ERR_FLAG` set)
///
/// Bytes may be separated by dots (`11.22.33`), and fields by any run of spaces or tabs.
public enum CandumpLog {
    /// Why a line is not a `candump -L` frame; `column` is 1-based, in bytes.
    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        public var column: Int
        public var reason: String
        public init(column: Int, reason: String) {
            self.column = column
            self.reason = reason
        }
        public var description: String { "column \(column): \(reason)" }
    }

    static let errorFlag: UInt32 = 0x2000_0000

    /// Parses one line. Blank lines and `#` comments are not frames: they return `nil`.
    public static func parse(line: some StringProtocol) throws(ParseError) -> CANFrame? {
        var text = String(line)
        return try text.withUTF8 { bytes in Result { () throws(ParseError) in try parse(bytes: bytes) } }.get()
    }

    /// Parses one line given as UTF-8 bytes (without its newline).
    public static func parse(bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) -> CANFrame? {
        var cursor = Cursor(bytes: bytes)
        cursor.skipSpaces()
        if cursor.atEnd || cursor.peek == UInt8(ascii: "#") { return nil }

        // (seconds.fraction)
        try cursor.expect(UInt8(ascii: "("), "expected '(' opening the timestamp")
        let timestamp = try cursor.timestamp()
        try cursor.expect(UInt8(ascii: ")"), "expected ')' closing the timestamp")
        guard cursor.skipSpaces() > 0 else {
            throw ParseError(column: cursor.column, reason: "expected a space after the timestamp")
        }

        // interface
        let interfaceStart = cursor.index
        while !cursor.atEnd, !isSpace(cursor.peek) { cursor.index += 1 }
        guard cursor.index > interfaceStart else {
            throw ParseError(column: cursor.column, reason: "expected an interface name")
        }
        // Interface names are plain visible ASCII (Linux forbids spaces, '/' and ':'; real names are ASCII).
        if let bad = bytes[interfaceStart..<cursor.index].firstIndex(where: { $0 < 0x21 || $0 > 0x7E }) {
            throw ParseError(column: bad + 1, reason: "interface name has a byte that is not visible ASCII")
        }
        guard cursor.index - interfaceStart <= CANInterfaceName.maxLength else {
            throw ParseError(column: interfaceStart + 1, reason: "interface name longer than \(CANInterfaceName.maxLength) bytes")
        }
        let interface = CANInterfaceName(
            truncating: String(decoding: UnsafeBufferPointer(rebasing: bytes[interfaceStart..<cursor.index]), as: UTF8.self))
        guard cursor.skipSpaces() > 0, !cursor.atEnd else {
            throw ParseError(column: cursor.column, reason: "expected a frame after the interface name")
        }

        var frame = try frame(&cursor)
        frame.timestamp = timestamp
        frame.interfaceName = interface
        cursor.skipSpaces()
        // can-utils may append " T" or " R" (sent/received) to lines; tolerate a single trailing flag word.
        if !cursor.atEnd {
            let flagStart = cursor.index
            while !cursor.atEnd, !isSpace(cursor.peek) { cursor.index += 1 }
            let word = cursor.index - flagStart
            cursor.skipSpaces()
            guard word == 1, cursor.atEnd else {
                throw ParseError(column: flagStart + 1, reason: "unexpected text after the frame")
            }
        }
        return frame
    }

    /// Parses the `ID#DATA` part alone, as `cansend` takes it.
    public static func parseFrame(_ text: some StringProtocol) throws(ParseError) -> CANFrame {
        var copy = String(text)
        return try copy.withUTF8 { bytes in
            Result { () throws(ParseError) in
                var cursor = Cursor(bytes: bytes)
                let frame = try frame(&cursor)
                guard cursor.atEnd else { throw ParseError(column: cursor.column, reason: "unexpected text after the frame") }
                return frame
            }
        }.get()
    }

    private static func frame(_ cursor: inout Cursor) throws(ParseError) -> CANFrame {
        let idStart = cursor.index
        var idValue: UInt32 = 0
        while !cursor.atEnd, let digit = hexValue(cursor.peek) {
            guard cursor.index - idStart < 8 else {
                throw ParseError(column: cursor.column, reason: "identifier has more than 8 hex digits")
            }
            idValue = idValue << 4 | UInt32(digit)
            cursor.index += 1
        }
        let idDigits = cursor.index - idStart
        guard idDigits == 3 || idDigits == 8 else {
            throw ParseError(
                column: idStart + 1,
                reason: idDigits == 0
                    ? "expected a hex identifier" : "identifier must have 3 hex digits (standard) or 8 (extended), not \(idDigits)")
        }
        try cursor.expect(UInt8(ascii: "#"), "expected '#' after the identifier")

        var kind = CANFrameKind.classic
        var isError = false
        var id: CANIdentifier
        if idDigits == 3 {
            guard let standard = CANIdentifier(standard: idValue) else {
                throw ParseError(column: idStart + 1, reason: "standard identifier above 7FF")
            }
            id = standard
        } else {
            if idValue & errorFlag != 0 {
                isError = true
                idValue &= ~errorFlag
            }
            guard let extended = CANIdentifier(extended: idValue) else {
                throw ParseError(column: idStart + 1, reason: "extended identifier above 1FFFFFFF")
            }
            id = extended
        }

        if !cursor.atEnd, cursor.peek == UInt8(ascii: "#") {
            cursor.index += 1
            guard !cursor.atEnd, let flags = hexValue(cursor.peek) else {
                throw ParseError(column: cursor.column, reason: "expected the CAN FD flags nibble after '##'")
            }
            cursor.index += 1
            kind = .fd(CANFDFlags(rawValue: flags))
        } else if !cursor.atEnd, cursor.peek == UInt8(ascii: "R") || cursor.peek == UInt8(ascii: "r") {
            cursor.index += 1
            var length: UInt8 = 0
            if !cursor.atEnd, let digit = hexValue(cursor.peek) {
                guard digit <= 8 else { throw ParseError(column: cursor.column, reason: "remote frame length above 8") }
                length = digit
                cursor.index += 1
            }
            return CANFrame(id: id, kind: .remote, data: CANPayload(), remoteLength: length)
        }

        var payload = CANPayload()
        let limit = kind == .classic ? 8 : CANPayload.capacity
        var count = 0
        try payload.withUnsafeMutableBytes { buffer in
            Result { () throws(ParseError) in
                while !cursor.atEnd {
                    let byte = cursor.peek
                    if byte == UInt8(ascii: ".") {
                        cursor.index += 1
                        continue
                    }
                    if isSpace(byte) || byte == UInt8(ascii: "_") { break }
                    guard let high = hexValue(byte) else {
                        throw ParseError(column: cursor.column, reason: "expected a hex digit in the payload")
                    }
                    guard cursor.index + 1 < cursor.bytes.count, let low = hexValue(cursor.bytes[cursor.index + 1]) else {
                        throw ParseError(column: cursor.column, reason: "odd number of hex digits in the payload")
                    }
                    guard count < limit else {
                        throw ParseError(column: cursor.column, reason: "payload longer than \(limit) bytes")
                    }
                    buffer[count] = high << 4 | low
                    count += 1
                    cursor.index += 2
                }
            }
        }.get()
        payload.setCount(count)
        // Classic frames may carry a raw DLC above 8 (`_9` ... `_F`, can-utils' len8_dlc); it is not payload.
        if !cursor.atEnd, cursor.peek == UInt8(ascii: "_") {
            cursor.index += 1
            guard !cursor.atEnd, hexValue(cursor.peek) != nil else {
                throw ParseError(column: cursor.column, reason: "expected a DLC digit after '_'")
            }
            cursor.index += 1
        }
        if case .fd = kind, CANFDLength.padded(count) != count {
            throw ParseError(column: cursor.column, reason: "\(count) bytes is not a valid CAN FD length")
        }
        if isError { kind = .error }
        return CANFrame(id: id, kind: kind, data: payload)
    }

    /// Formats a frame as one `candump -L` line, without a newline; the timestamp has microseconds, as candump's.
    public static func format(_ frame: CANFrame) -> String {
        var line = "(" + frame.timestamp.microsecondString + ") " + (frame.interface.isEmpty ? "can0" : frame.interface) + " "
        line += formatFrame(frame)
        return line
    }

    /// Formats the `ID#DATA` part, as `cansend` takes it.
    public static func formatFrame(_ frame: CANFrame) -> String {
        switch frame.kind {
        case .classic:
            return frame.id.description + "#" + frame.data.hexString
        case .fd(let flags):
            return frame.id.description + "##" + hex(UInt32(flags.rawValue & 0xF), width: 1) + frame.data.hexString
        case .remote:
            return frame.id.description + "#R" + (frame.remoteLength > 0 ? hex(UInt32(frame.remoteLength), width: 1) : "")
        case .error:
            return hex(frame.id.value | errorFlag, width: 8) + "#" + frame.data.hexString
        }
    }
}

private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { index >= bytes.count }
    var peek: UInt8 { bytes[index] }
    var column: Int { index + 1 }

    @discardableResult
    mutating func skipSpaces() -> Int {
        let start = index
        while !atEnd, isSpace(peek) { index += 1 }
        return index - start
    }

    mutating func expect(_ byte: UInt8, _ reason: String) throws(CandumpLog.ParseError) {
        guard !atEnd, peek == byte else { throw CandumpLog.ParseError(column: column, reason: reason) }
        index += 1
    }

    mutating func timestamp() throws(CandumpLog.ParseError) -> CANTimestamp {
        let start = index
        var seconds: Int64 = 0
        while !atEnd, let digit = decimalValue(peek) {
            guard index - start < 12 else { throw CandumpLog.ParseError(column: column, reason: "timestamp too large") }
            seconds = seconds * 10 + Int64(digit)
            index += 1
        }
        guard index > start else { throw CandumpLog.ParseError(column: column, reason: "expected the timestamp's seconds") }
        var nanoseconds: Int64 = 0
        if !atEnd, peek == UInt8(ascii: ".") {
            index += 1
            var scale: Int64 = 100_000_000
            let fractionStart = index
            while !atEnd, let digit = decimalValue(peek) {
                nanoseconds += Int64(digit) * scale
                scale /= 10
                index += 1
            }
            guard index > fractionStart else {
                throw CandumpLog.ParseError(column: column, reason: "expected digits after the timestamp's '.'")
            }
        }
        // Nanoseconds since 1970 fit an Int64 until 2262.
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow, scaled <= Int64.max - nanoseconds else {
            throw CandumpLog.ParseError(column: start + 1, reason: "timestamp beyond the year 2262")
        }
        return CANTimestamp(nanoseconds: scaled + nanoseconds)
    }
}

@inline(__always) private func isSpace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
}

@inline(__always) private func decimalValue(_ byte: UInt8) -> UInt8? {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? byte - UInt8(ascii: "0") : nil
}

@inline(__always) func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
    default: return nil
    }
}
