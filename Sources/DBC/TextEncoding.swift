/// Turns a DBC file's bytes into UTF-8: UTF-8 as it is (without a byte-order mark), anything else read as
/// Windows-1252, the encoding CANdb++ writes.
enum DBCTextEncoding {
    static func utf8Bytes(from bytes: [UInt8]) -> [UInt8] {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        let body = bytes[start...]
        if isValidUTF8(body) { return start == 0 ? bytes : Array(body) }
        var out: [UInt8] = []
        out.reserveCapacity(body.count + body.count / 8)
        for byte in body {
            let scalar: UInt32 = byte < 0x80 || byte >= 0xA0 ? UInt32(byte) : cp1252High[Int(byte - 0x80)]
            appendUTF8(scalar, to: &out)
        }
        return out
    }

    private static func isValidUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        // Fast path: pure ASCII.
        if !bytes.contains(where: { $0 >= 0x80 }) { return true }
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    private static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        if scalar < 0x80 {
            out.append(UInt8(scalar))
        } else if scalar < 0x800 {
            out.append(UInt8(0xC0 | (scalar >> 6)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        } else {
            out.append(UInt8(0xE0 | (scalar >> 12)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    /// Windows-1252 bytes 0x80...0x9F; the five undefined ones map to their C1 control code points.
    private static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]
}
