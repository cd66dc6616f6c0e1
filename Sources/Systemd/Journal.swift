import CSystemd

/// The connection to journald through libsystemd's `sd_journal_sendv(3)` (libsystemd.so.0, loaded on
/// first use). It sends to `/run/systemd/journal/socket`; libsystemd keeps one socket for the process.
public struct Journal: Sendable {
    /// The journal, or `SystemdError.journalUnavailable` when libsystemd.so.0 cannot be loaded.
    public static func open() throws(SystemdError) -> Journal {
        guard csd_journal_available() == 1 else { throw .journalUnavailable }
        return Journal()
    }

    private init() {}

    /// Sends one entry: each field is a name (valid, see `JournalFieldName`) and a value that may hold
    /// newlines and any bytes. `MESSAGE` should be among them.
    public func send(_ fields: [(name: String, value: String)]) throws(SystemdError) {
        guard !fields.isEmpty else { return }
        // One buffer of "NAME=value" entries, and pointers into it, so nothing is copied per field twice.
        var buffer: [CChar] = []
        buffer.reserveCapacity(fields.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 1 })
        var ranges: [(start: Int, length: Int)] = []
        ranges.reserveCapacity(fields.count)
        for field in fields {
            let start = buffer.count
            buffer.append(contentsOf: field.name.utf8.map { CChar(bitPattern: $0) })
            buffer.append(CChar(UInt8(ascii: "=")))
            buffer.append(contentsOf: field.value.utf8.map { CChar(bitPattern: $0) })
            ranges.append((start, buffer.count - start))
        }
        let code: Int32 = buffer.withUnsafeBufferPointer { bytes in
            let base = bytes.baseAddress!
            var pointers: [UnsafePointer<CChar>?] = ranges.map { base + $0.start }
            var lengths: [Int] = ranges.map(\.length)
            return pointers.withUnsafeMutableBufferPointer { pointerBuffer in
                lengths.withUnsafeMutableBufferPointer { lengthBuffer in
                    csd_journal_sendv(pointerBuffer.baseAddress, lengthBuffer.baseAddress, Int32(ranges.count))
                }
            }
        }
        if code == CSD_LIBSYSTEMD_MISSING { throw .journalUnavailable }
        if code < 0 { throw .systemCall("sd_journal_sendv", target: "/run/systemd/journal/socket", errno: -code) }
    }
}
