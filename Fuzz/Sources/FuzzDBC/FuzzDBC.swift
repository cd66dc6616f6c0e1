import CANBus
import DBC

/// libFuzzer entry point: any bytes as a DBC file must parse or fail with a located error, never crash;
/// what parses must compile into a codec that decodes and encodes any frame without crashing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDBC(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start = data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    guard let database = try? DBCParser.parse(bytes: bytes, file: "fuzz.dbc") else { return 0 }
    let codec = DBCCodec(database)
    var buffer = codec.makeBuffer()
    var payload = CANPayload(zeros: 64)
    for index in 0..<64 { payload[index] = UInt8(truncatingIfNeeded: index &* 37 &+ count) }
    for (messageIndex, message) in database.messages.enumerated() {
        let frame = CANFrame(id: message.id, kind: .fd([]), data: payload)
        _ = try? codec.decode(frame, into: &buffer)
        let encoded = codec.encode(message: messageIndex, value: { Double($0) * 1.5 })
        _ = try? encoded.payload.withUnsafeBytes { try codec.decode($0, message: messageIndex, into: &buffer) }
    }
    return 0
}
