public import CANBus
import CSocketCAN
import Glibc

/// Which frames a socket lets through, applied by the kernel (`CAN_RAW_FILTER`).
public enum CANReceiveFilter: Sendable, Equatable {
    /// Every data and remote frame (for recording).
    case all
    /// Only these identifiers; with more than `CAN_RAW_FILTER_MAX` (512) the kernel passes all and
    /// the source drops the rest itself.
    case identifiers(Set<CANIdentifier>)
    /// No data frames at all (a socket that only sends, or only watches error frames).
    case none
}

/// How a CAN_RAW socket is set up.
public struct CANSocketOptions: Sendable, Equatable {
    public var filter: CANReceiveFilter
    /// Also deliver error frames (`CAN_RAW_ERR_FILTER` = `CAN_ERR_MASK`), decoded into bus state.
    public var errorFrames: Bool
    /// Accept and deliver CAN FD frames (`CAN_RAW_FD_FRAMES`).
    public var fdFrames: Bool
    /// `SO_RCVBUF` in bytes (the kernel doubles it); `SO_RCVBUFFORCE` is tried first so that root or
    /// CAP_NET_ADMIN may exceed `net.core.rmem_max`. `nil` keeps the kernel default.
    public var receiveBufferBytes: Int?
    /// Kernel receive timestamps (`SO_TIMESTAMPNS`) and the drop counter (`SO_RXQ_OVFL`).
    public var timestampsAndDrops: Bool

    public init(
        filter: CANReceiveFilter = .all, errorFrames: Bool = true, fdFrames: Bool = true,
        receiveBufferBytes: Int? = 8 << 20, timestampsAndDrops: Bool = true
    ) {
        self.filter = filter
        self.errorFrames = errorFrames
        self.fdFrames = fdFrames
        self.receiveBufferBytes = receiveBufferBytes
        self.timestampsAndDrops = timestampsAndDrops
    }

    /// For a socket that only sends: no frames received, no buffer to size.
    public static let sendOnly = CANSocketOptions(
        filter: .none, errorFrames: false, fdFrames: true, receiveBufferBytes: nil, timestampsAndDrops: false)
}

/// A CAN_RAW socket bound to one interface; closes its descriptor when it goes away.
///
/// The descriptor is non-blocking: `receive` returns at once with what is queued, and callers wait
/// with `poll(2)` on `descriptor`.
public struct CANSocket: ~Copyable {
    /// The socket's file descriptor, owned by this value (closed in `deinit`).
    public let descriptor: Int32
    /// The interface name this socket is bound to (`vcan0`).
    public let interface: String
    /// The interface index the socket was bound to (changes when the interface is deleted and re-added).
    public let interfaceIndex: Int32
    /// `false` when the kernel refused `CAN_RAW_FD_FRAMES` (very old kernels).
    public let fdEnabled: Bool
    /// The receive buffer the kernel granted, in bytes (`SO_RCVBUF` read back; twice what was asked).
    public let receiveBufferBytes: Int
    /// When the filter has too many identifiers for the kernel, the ones to keep (checked in user space).
    let userSpaceFilter: Set<CANIdentifier>?

    /// Opens a CAN_RAW socket, applies `options` and binds it to `interface`.
    ///
    /// Throws `.canUnsupported` when the kernel has no CAN, `.noSuchInterface` when the name is unknown.
    public init(interface: String, options: CANSocketOptions = CANSocketOptions()) throws(SocketCANError) {
        let fd = csc_socket_raw()
        if fd < 0 {
            let code = errno
            if code == EAFNOSUPPORT || code == EPROTONOSUPPORT { throw .canUnsupported }
            throw .systemCall("socket(PF_CAN)", interface: interface, errno: code)
        }
        do throws(SocketCANError) {
            let index = if_nametoindex(interface)
            guard index != 0 else { throw SocketCANError.noSuchInterface(interface) }
            var fdEnabled = false
            if options.fdFrames {
                var on: Int32 = 1
                fdEnabled = setsockopt(fd, CSC_SOL_CAN_RAW, Int32(CAN_RAW_FD_FRAMES), &on, socklen_t(MemoryLayout<Int32>.size)) == 0
            }
            var userSpaceFilter: Set<CANIdentifier>? = nil
            switch options.filter {
            case .all:
                break  // the kernel default: one filter 0:0, everything passes
            case .none:
                _ = try systemCall("setsockopt(CAN_RAW_FILTER)", interface: interface) {
                    setsockopt(fd, CSC_SOL_CAN_RAW, Int32(CAN_RAW_FILTER), nil, 0)
                }
            case .identifiers(let identifiers):
                if identifiers.count > Int(CAN_RAW_FILTER_MAX) {
                    userSpaceFilter = identifiers
                } else {
                    var filters = identifiers.sorted().map { id in
                        id.isExtended
                            ? can_filter(can_id: id.value | CAN_EFF_FLAG, can_mask: CAN_EFF_FLAG | CAN_EFF_MASK)
                            : can_filter(can_id: id.value, can_mask: CAN_EFF_FLAG | CAN_SFF_MASK)
                    }
                    let size = socklen_t(filters.count * MemoryLayout<can_filter>.stride)
                    _ = try systemCall("setsockopt(CAN_RAW_FILTER)", interface: interface) {
                        filters.withUnsafeMutableBytes { buffer in
                            setsockopt(fd, CSC_SOL_CAN_RAW, Int32(CAN_RAW_FILTER), buffer.baseAddress, size)
                        }
                    }
                }
            }
            if options.errorFrames {
                var mask = can_err_mask_t(CAN_ERR_MASK)
                _ = try systemCall("setsockopt(CAN_RAW_ERR_FILTER)", interface: interface) {
                    setsockopt(fd, CSC_SOL_CAN_RAW, Int32(CAN_RAW_ERR_FILTER), &mask, socklen_t(MemoryLayout<can_err_mask_t>.size))
                }
            }
            if options.timestampsAndDrops {
                var on: Int32 = 1
                _ = try systemCall("setsockopt(SO_TIMESTAMPNS)", interface: interface) {
                    setsockopt(fd, SOL_SOCKET, CSC_SO_TIMESTAMPNS, &on, socklen_t(MemoryLayout<Int32>.size))
                }
                _ = try systemCall("setsockopt(SO_RXQ_OVFL)", interface: interface) {
                    setsockopt(fd, SOL_SOCKET, CSC_SO_RXQ_OVFL, &on, socklen_t(MemoryLayout<Int32>.size))
                }
            }
            if let bytes = options.receiveBufferBytes {
                guard bytes > 0, bytes <= Int(Int32.max) else {
                    throw SocketCANError.invalidConfiguration("receive buffer of \(bytes) bytes")
                }
                var size = Int32(bytes)
                // SO_RCVBUFFORCE needs CAP_NET_ADMIN; without it, SO_RCVBUF (capped at net.core.rmem_max).
                if setsockopt(fd, SOL_SOCKET, CSC_SO_RCVBUFFORCE, &size, socklen_t(MemoryLayout<Int32>.size)) != 0 {
                    _ = try systemCall("setsockopt(SO_RCVBUF)", interface: interface) {
                        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
                    }
                }
            }
            var granted: Int32 = 0
            var grantedSize = socklen_t(MemoryLayout<Int32>.size)
            _ = try systemCall("getsockopt(SO_RCVBUF)", interface: interface) {
                getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &granted, &grantedSize)
            }
            do {
                _ = try systemCall("bind", interface: interface) { csc_bind(fd, Int32(index)) }
            } catch .systemCall(_, _, let code) where code == ENODEV {
                throw SocketCANError.noSuchInterface(interface)
            }
            self.descriptor = fd
            self.interface = interface
            self.interfaceIndex = Int32(index)
            self.fdEnabled = fdEnabled
            self.receiveBufferBytes = Int(granted)
            self.userSpaceFilter = userSpaceFilter
        } catch {
            close(fd)
            throw error
        }
    }

    deinit { close(descriptor) }

    /// Reads the frames queued on the socket (at most `capacity`, at most 256) into `slots` without waiting.
    ///
    /// Returns how many slots were filled; 0 when nothing is queued. Throws on ENETDOWN (the
    /// interface went down) and ENODEV (it was deleted: this socket will receive nothing more).
    func receive(into slots: UnsafeMutablePointer<csc_rx_slot>, capacity: Int) throws(SocketCANError) -> Int {
        while true {
            let count = csc_receive(descriptor, slots, UInt32(capacity))
            if count >= 0 { return Int(count) }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return 0 }
            throw .systemCall("recvmmsg", interface: interface, errno: code)
        }
    }

    /// Sends one frame, waiting (up to about a second) while the interface's transmit queue is full.
    ///
    /// Throws `.fdNotSupported` for an FD frame on a classic interface.
    public func send(_ frame: CANFrame) throws(SocketCANError) {
        var raw = canfd_frame()
        let length = try encode(frame, into: &raw)
        var attempts = 0
        while true {
            let written = withUnsafeBytes(of: &raw) { write(descriptor, $0.baseAddress, length) }
            if written == length { return }
            if written >= 0 {
                throw .systemCall("write (short: \(written) of \(length) bytes)", interface: interface, errno: 0)
            }
            let code = errno
            switch code {
            case EINTR:
                continue
            case EAGAIN where attempts < 1000:
                // The socket's send buffer is full: wait until it can take the frame.
                attempts += 1
                var pollFD = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                _ = poll(&pollFD, 1, 1)
            case ENOBUFS where attempts < 1000:
                // The interface's transmit queue is full (a real controller at its bit rate); poll(2)
                // does not report when it drains, so wait a millisecond, as cangen -p does.
                attempts += 1
                usleep(1000)
            case EINVAL where length == canFDFrameSize:
                throw .fdNotSupported(interface: interface)
            default:
                throw .systemCall("write", interface: interface, errno: code)
            }
        }
    }
}

/// Fills a `struct canfd_frame` from `frame`; returns the bytes to write (CAN_MTU or CANFD_MTU).
func encode(_ frame: CANFrame, into raw: inout canfd_frame) throws(SocketCANError) -> Int {
    var id = frame.id.value
    if frame.id.isExtended { id |= CAN_EFF_FLAG }
    var length = classicFrameSize
    switch frame.kind {
    case .classic:
        guard frame.data.count <= 8 else { throw .invalidFrame("a classic frame carries at most 8 bytes, not \(frame.data.count)") }
    case .remote:
        id |= CAN_RTR_FLAG
    case .error:
        id = frame.id.value | CAN_ERR_FLAG
    case .fd(let flags):
        guard CANFDLength.padded(frame.data.count) == frame.data.count else {
            throw .invalidFrame("\(frame.data.count) bytes is not a CAN FD length")
        }
        raw.flags = flags.rawValue
        length = canFDFrameSize
    }
    raw.can_id = id
    if case .remote = frame.kind {
        raw.len = frame.remoteLength
    } else {
        raw.len = UInt8(frame.data.count)
        frame.data.withUnsafeBytes { source in
            withUnsafeMutableBytes(of: &raw.data) { target in
                target.copyMemory(from: source)
            }
        }
    }
    return length
}

/// `CAN_MTU`: bytes of a `struct can_frame` (the macro is a `sizeof`, which Swift does not import).
let classicFrameSize = 16
/// `CANFD_MTU`: bytes of a `struct canfd_frame`.
let canFDFrameSize = 72

/// Receive slots for `recvmmsg`, allocated once and reused for every batch.
struct ReceiveSlots: ~Copyable {
    let base: UnsafeMutablePointer<csc_rx_slot>
    let capacity: Int

    /// `capacity` is capped at 256 (the shim's batch limit).
    init(capacity: Int) {
        self.capacity = min(max(1, capacity), 256)
        base = .allocate(capacity: self.capacity)
        base.initialize(repeating: csc_rx_slot(), count: self.capacity)
    }

    deinit { base.deallocate() }
}
