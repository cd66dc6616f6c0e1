import CANBus
import CSocketCAN

extension CANFrame {
    /// Builds a frame from what `recvmmsg` put in a slot; `nil` for a read of unexpected size.
    ///
    /// Allocates nothing: the payload and the interface name are stored inline.
    @inline(__always)
    init?(slot: UnsafeMutablePointer<csc_rx_slot>, interface: CANInterfaceName) {
        let length = Int(slot.pointee.length)
        guard length == classicFrameSize || length == canFDFrameSize else { return nil }
        let rawID = slot.pointee.frame.can_id
        let timestamp =
            slot.pointee.has_timestamp != 0
            ? CANTimestamp(nanoseconds: slot.pointee.seconds &* 1_000_000_000 &+ slot.pointee.nanoseconds)
            : CANTimestamp(nanoseconds: 0)
        let id: CANIdentifier
        var kind: CANFrameKind
        if rawID & CAN_ERR_FLAG != 0 {
            id = CANIdentifier(extended: rawID & CAN_ERR_MASK)!
            kind = .error
        } else if rawID & CAN_EFF_FLAG != 0 {
            id = CANIdentifier(extended: rawID & CAN_EFF_MASK)!
            kind = length == canFDFrameSize ? .fd(CANFDFlags(rawValue: slot.pointee.frame.flags)) : .classic
        } else {
            id = CANIdentifier(standard: rawID & CAN_SFF_MASK)!
            kind = length == canFDFrameSize ? .fd(CANFDFlags(rawValue: slot.pointee.frame.flags)) : .classic
        }
        let dataLength = Int(slot.pointee.frame.len)
        if rawID & CAN_RTR_FLAG != 0, length == classicFrameSize, kind == .classic {
            self.init(
                id: id, kind: .remote, data: CANPayload(), remoteLength: UInt8(min(dataLength, 8)), timestamp: timestamp)
            self.interfaceName = interface
            return
        }
        let count = min(dataLength, length == canFDFrameSize ? 64 : 8)
        var payload = CANPayload(zeros: count)
        withUnsafeBytes(of: &slot.pointee.frame.data) { source in
            payload.withUnsafeMutableBytes { target in
                target.baseAddress!.copyMemory(from: source.baseAddress!, byteCount: count)
            }
        }
        self.init(id: id, kind: kind, data: payload, timestamp: timestamp)
        self.interfaceName = interface
    }
}
