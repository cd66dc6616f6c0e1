import CANBus

/// libFuzzer entry point: any line must parse to a frame (which formats and parses back to itself, to the
/// microsecond that candump logs carry) or fail with a column inside the line, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCandump(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start = data else { return 0 }
    let line = UnsafeBufferPointer(start: start, count: count)
    do {
        guard let frame = try CandumpLog.parse(bytes: line) else { return 0 }
        let again = try CandumpLog.parse(line: CandumpLog.format(frame))
        var expected = frame
        expected.timestamp = CANTimestamp(nanoseconds: frame.timestamp.nanoseconds / 1_000 * 1_000)
        precondition(again == expected, "format/parse round trip changed the frame")
    } catch {
        precondition(error.column >= 1 && error.column <= count + 1, "error column \(error.column) outside the line")
    }
    return 0
}
