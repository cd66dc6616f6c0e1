/// What went wrong with a SocketCAN socket, and where.
public enum SocketCANError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A system call failed: which one, on which interface (empty when none applies), and its `errno`.
    case systemCall(String, interface: String, errno: Int32)
    /// No network interface has this name (`if_nametoindex` failed), or it was unplugged.
    case noSuchInterface(String)
    /// The kernel has no CAN support (`socket(PF_CAN)` failed with EAFNOSUPPORT, or `can_raw` is not loaded).
    case canUnsupported
    /// A CAN FD frame was sent to an interface whose MTU is 16 (classic CAN only).
    case fdNotSupported(interface: String)
    /// The frame cannot be sent as it is (an identifier or payload the kernel would refuse).
    case invalidFrame(String)
    /// A configuration value is out of range.
    case invalidConfiguration(String)
    /// The source was stopped; nothing more will arrive.
    case stopped

    public var description: String {
        switch self {
        case .systemCall(let call, let interface, let code):
            let place = interface.isEmpty ? "" : " on \(interface)"
            return "\(call) failed\(place): \(errnoName(code)) (errno \(code))"
        case .noSuchInterface(let name):
            return "no CAN interface named \(name) (check `ip link show \(name)`)"
        case .canUnsupported:
            return "this kernel has no SocketCAN support (socket(PF_CAN) failed: load can and can_raw, or run scripts/vm-test)"
        case .fdNotSupported(let interface):
            return "\(interface) does not accept CAN FD frames (its MTU is 16; `ip link set \(interface) mtu 72` enables FD)"
        case .invalidFrame(let reason):
            return "cannot send the frame: \(reason)"
        case .invalidConfiguration(let reason):
            return "invalid SocketCAN configuration: \(reason)"
        case .stopped:
            return "the SocketCAN source was stopped"
        }
    }
}

/// The symbolic name of the errno values a CAN socket meets, for messages.
func errnoName(_ code: Int32) -> String {
    switch code {
    case 1: return "EPERM"
    case 4: return "EINTR"
    case 9: return "EBADF"
    case 11: return "EAGAIN"
    case 12: return "ENOMEM"
    case 13: return "EACCES"
    case 19: return "ENODEV"
    case 22: return "EINVAL"
    case 24: return "EMFILE"
    case 97: return "EAFNOSUPPORT"
    case 100: return "ENETDOWN"
    case 105: return "ENOBUFS"
    case 93: return "EPROTONOSUPPORT"
    default: return "error"
    }
}
