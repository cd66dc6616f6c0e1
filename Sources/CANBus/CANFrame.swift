/// A CAN arbitration identifier: 11 bits (standard) or 29 bits (extended).
public struct CANIdentifier: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The identifier bits, without any flag (at most 0x7FF standard, 0x1FFFFFFF extended).
    public let value: UInt32
    /// Whether this is a 29-bit identifier (`CAN_EFF_FLAG` in `linux/can.h`).
    public let isExtended: Bool

    public static let maxStandard: UInt32 = 0x7FF
    public static let maxExtended: UInt32 = 0x1FFF_FFFF

    /// Creates a standard identifier; `nil` when `value` does not fit in 11 bits.
    public init?(standard value: UInt32) {
        guard value <= Self.maxStandard else { return nil }
        self.value = value
        self.isExtended = false
    }

    /// Creates an extended identifier; `nil` when `value` does not fit in 29 bits.
    public init?(extended value: UInt32) {
        guard value <= Self.maxExtended else { return nil }
        self.value = value
        self.isExtended = true
    }

    /// Standard when the value fits in 11 bits, else extended (the usual reading of a bare number).
    public init?(_ value: UInt32) {
        if value <= Self.maxStandard {
            self.init(standard: value)
        } else {
            self.init(extended: value)
        }
    }

    public static func < (lhs: CANIdentifier, rhs: CANIdentifier) -> Bool {
        (lhs.value, lhs.isExtended ? 1 : 0) < (rhs.value, rhs.isExtended ? 1 : 0)
    }

    /// The candump spelling: 3 hex digits for standard, 8 for extended.
    public var description: String {
        isExtended ? hex(value, width: 8) : hex(value, width: 3)
    }
}

/// What kind of frame travels on the bus.
public enum CANFrameKind: Hashable, Sendable {
    /// A classic CAN 2.0 data frame, 0...8 bytes.
    case classic
    /// A CAN FD frame, 0...64 bytes, with its flags (`CANFD_BRS`, `CANFD_ESI`).
    case fd(CANFDFlags)
    /// A remote transmission request: no payload, only a requested length.
    case remote
    /// An error frame (`CAN_ERR_FLAG`): the identifier holds the error class bits, the payload the details.
    case error
}

/// The CAN FD flags byte of `struct canfd_frame`.
public struct CANFDFlags: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// Bit rate switch: the data phase ran at the second bit rate (`CANFD_BRS`).
    public static let bitRateSwitch = CANFDFlags(rawValue: 0x01)
    /// Error state indicator of the transmitter (`CANFD_ESI`).
    public static let errorStateIndicator = CANFDFlags(rawValue: 0x02)
    /// Marks a frame as FD even when no other flag is set (`CANFD_FDF`).
    public static let fdFormat = CANFDFlags(rawValue: 0x04)
}

/// A receive or send time, in nanoseconds since the Unix epoch (`SO_TIMESTAMPNS`).
public struct CANTimestamp: Hashable, Sendable, Comparable {
    public var nanoseconds: Int64
    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }
    public init(seconds: Int64, microseconds: Int64) {
        self.nanoseconds = seconds * 1_000_000_000 + microseconds * 1_000
    }
    /// Seconds as a floating-point number; loses sub-microsecond precision around the present epoch.
    public var seconds: Double { Double(nanoseconds) / 1e9 }
    public static func < (lhs: CANTimestamp, rhs: CANTimestamp) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    /// `1700000000.000137`: seconds with exactly six decimals, as `candump -L` writes them (finer detail is cut).
    public var microsecondString: String {
        var microseconds = nanoseconds / 1_000
        if nanoseconds < 0, nanoseconds % 1_000 != 0 { microseconds -= 1 }
        var seconds = microseconds / 1_000_000
        var fraction = microseconds % 1_000_000
        if fraction < 0 {
            seconds -= 1
            fraction += 1_000_000
        }
        return "\(seconds)." + decimal(fraction, width: 6)
    }

    /// `1700000000.000137`: seconds with six decimals (nine when the time has sub-microsecond detail).
    public var decimalString: String {
        var seconds = nanoseconds / 1_000_000_000
        var fraction = nanoseconds % 1_000_000_000
        if fraction < 0 {
            seconds -= 1
            fraction += 1_000_000_000
        }
        if fraction % 1_000 == 0 {
            return "\(seconds)." + decimal(fraction / 1_000, width: 6)
        }
        return "\(seconds)." + decimal(fraction, width: 9)
    }
}

/// Up to 64 payload bytes stored inline, so a frame never allocates.
public struct CANPayload: Hashable, Sendable, RandomAccessCollection, MutableCollection {
    public static let capacity = 64
    @usableFromInline var storage: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    @usableFromInline var length: UInt8 = 0

    public init() {}

    /// Copies `bytes`; fails when there are more than 64.
    public init?(_ bytes: some Collection<UInt8>) {
        guard bytes.count <= Self.capacity else { return nil }
        length = UInt8(bytes.count)
        withUnsafeMutableBytes { buffer in
            for (index, byte) in bytes.enumerated() { buffer[index] = byte }
        }
    }

    /// A payload of `count` zero bytes; `count` must be at most 64.
    public init(zeros count: Int) {
        precondition((0...Self.capacity).contains(count), "a CAN payload holds at most 64 bytes")
        length = UInt8(count)
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { Int(length) }

    public subscript(position: Int) -> UInt8 {
        get {
            precondition(position >= 0 && position < Int(length), "payload index out of range")
            return Swift.withUnsafeBytes(of: storage) { $0[position] }
        }
        set {
            precondition(position >= 0 && position < Int(length), "payload index out of range")
            Swift.withUnsafeMutableBytes(of: &storage) { $0[position] = newValue }
        }
    }

    /// Grows or shrinks the payload; new bytes are zero.
    public mutating func resize(to count: Int) {
        precondition((0...Self.capacity).contains(count), "a CAN payload holds at most 64 bytes")
        if count > Int(length) {
            Swift.withUnsafeMutableBytes(of: &storage) { buffer in
                for index in Int(length)..<count { buffer[index] = 0 }
            }
        }
        length = UInt8(count)
    }

    /// Sets the length without touching the bytes: for parsers that wrote them through `withUnsafeMutableBytes`.
    mutating func setCount(_ count: Int) {
        precondition((0...Self.capacity).contains(count), "a CAN payload holds at most 64 bytes")
        length = UInt8(count)
    }

    /// Calls `body` with the payload's bytes (exactly `count` of them).
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        let count = Int(length)
        var copy = storage
        return try Swift.withUnsafeBytes(of: &copy) { (raw) throws(E) -> R in
            try body(UnsafeRawBufferPointer(rebasing: raw[0..<count]))
        }
    }

    /// Calls `body` with all 64 bytes of storage (readable; only the first `count` are payload).
    @inlinable @inline(__always)
    public func withUnsafeStorage<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var copy = storage
        return try Swift.withUnsafeBytes(of: &copy) { try body($0) }
    }

    /// Calls `body` with all 64 bytes of storage; only the first `count` are payload.
    public mutating func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        try Swift.withUnsafeMutableBytes(of: &storage) { try body($0) }
    }

    public static func == (lhs: CANPayload, rhs: CANPayload) -> Bool {
        lhs.length == rhs.length && lhs.elementsEqual(rhs)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(length)
        for byte in self { hasher.combine(byte) }
    }

    /// Upper-case hex, two digits per byte, no separators.
    public var hexString: String {
        var text = ""
        text.reserveCapacity(count * 2)
        for byte in self {
            text.unicodeScalars.append(hexDigits[Int(byte >> 4)])
            text.unicodeScalars.append(hexDigits[Int(byte & 0xF)])
        }
        return text
    }
}

/// One frame as received from (or sent to) a bus.
public struct CANFrame: Hashable, Sendable {
    public var id: CANIdentifier
    public var kind: CANFrameKind
    /// The payload; for a remote frame, empty (see `remoteLength`).
    public var data: CANPayload
    /// For a remote frame, the length requested (the DLC); 0 otherwise.
    public var remoteLength: UInt8
    /// When the frame was received (kernel timestamp) or logged.
    public var timestamp: CANTimestamp
    /// The interface the frame arrived on, stored inline so a frame is a plain value with no reference counting.
    public var interfaceName: CANInterfaceName

    /// The interface the frame arrived on (`vcan0`, `can1`); longer names than 15 bytes are cut.
    public var interface: String {
        get { interfaceName.description }
        set { interfaceName = CANInterfaceName(truncating: newValue) }
    }

    public init(
        id: CANIdentifier, kind: CANFrameKind = .classic, data: CANPayload, remoteLength: UInt8 = 0,
        timestamp: CANTimestamp = CANTimestamp(nanoseconds: 0), interface: String = ""
    ) {
        self.id = id
        self.kind = kind
        self.data = data
        self.remoteLength = remoteLength
        self.timestamp = timestamp
        self.interfaceName = CANInterfaceName(truncating: interface)
    }

    public var isFD: Bool {
        if case .fd = kind { return true }
        return false
    }
}

/// A network interface name (`vcan0`), at most 15 bytes as Linux allows (`IFNAMSIZ` − 1), stored inline.
public struct CANInterfaceName: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public static let maxLength = 15
    /// Bytes 0...14: the name; byte 15: its length.
    @usableFromInline var storage: (UInt64, UInt64) = (0, 0)

    public static func == (lhs: CANInterfaceName, rhs: CANInterfaceName) -> Bool {
        lhs.storage.0 == rhs.storage.0 && lhs.storage.1 == rhs.storage.1
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.0)
        hasher.combine(storage.1)
    }

    /// `nil` above 15 bytes; an empty name (interface unknown) is allowed.
    public init?(validating name: some StringProtocol) {
        guard name.utf8.count <= Self.maxLength else { return nil }
        self.init(truncating: name)
    }

    /// Keeps the first 15 bytes of `name` (cut at a character boundary).
    public init(truncating name: some StringProtocol) {
        var count = 0
        var bytes: [UInt8] = []
        for character in name {
            let utf8 = Array(String(character).utf8)
            if count + utf8.count > Self.maxLength { break }
            bytes += utf8
            count += utf8.count
        }
        withUnsafeMutableBytes(of: &storage) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
            raw[15] = UInt8(count)
        }
    }

    public init(stringLiteral value: String) { self.init(truncating: value) }

    public var count: Int { withUnsafeBytes(of: storage) { Int($0[15]) } }

    public var description: String {
        withUnsafeBytes(of: storage) { raw in
            String(decoding: UnsafeRawBufferPointer(rebasing: raw[0..<Int(raw[15])]), as: UTF8.self)
        }
    }

    public static func < (lhs: CANInterfaceName, rhs: CANInterfaceName) -> Bool { lhs.description < rhs.description }
}

/// The payload lengths a CAN FD frame can have (the DLC table of ISO 11898-1).
public enum CANFDLength {
    public static let valid: [Int] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 20, 24, 32, 48, 64]

    /// The smallest valid FD length that holds `count` bytes; `nil` above 64.
    public static func padded(_ count: Int) -> Int? { valid.first { $0 >= count } }
}

private let hexDigits: [Unicode.Scalar] = Array("0123456789ABCDEF".unicodeScalars)

func hex(_ value: UInt32, width: Int) -> String {
    var digits = [Unicode.Scalar](repeating: "0", count: width)
    var rest = value
    var index = width - 1
    while index >= 0 {
        digits[index] = hexDigits[Int(rest & 0xF)]
        rest >>= 4
        index -= 1
    }
    var text = ""
    text.unicodeScalars.append(contentsOf: digits)
    return text
}

func decimal(_ value: Int64, width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
