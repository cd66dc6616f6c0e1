public import CANBus
import CSocketCAN

/// The fault confinement state of a CAN controller (ISO 11898-1), as error frames report it.
public enum BusState: String, Sendable, Equatable {
    /// Normal: both error counters below 96.
    case errorActive = "error-active"
    /// A counter reached the warning level (96).
    case errorWarning = "error-warning"
    /// A counter reached 128: the controller sends passive error flags only.
    case errorPassive = "error-passive"
    /// The transmit counter passed 255: the controller is off the bus until restarted.
    case busOff = "bus-off"
    /// The controller was restarted after bus-off (`CAN_ERR_RESTARTED`).
    case restarted
}

/// Whether the interface itself is there and up.
public enum LinkState: String, Sendable, Equatable {
    case up
    /// The interface exists but is administratively down (`ip link set ... down`).
    case down
    /// The interface does not exist (deleted, or a USB adapter unplugged); being waited for.
    case absent
}

/// What error frames say about a bus, folded together.
public struct BusErrorState: Sendable, Equatable {
    public var state: BusState = .errorActive
    /// The controller's transmit and receive error counters, when an error frame carried them (`CAN_ERR_CNT`).
    public var transmitErrors: Int?
    public var receiveErrors: Int?
    /// How many times the controller went bus-off, and was restarted.
    public var busOffCount = 0
    public var restartCount = 0
    /// The `CAN_ERR_*` class bits of the last error frame.
    public var lastErrorClass: UInt32 = 0

    public init() {}

    /// Folds one error frame (`kind == .error`) into the state; other frames change nothing.
    ///
    /// The identifier holds the class bits (`linux/can/error.h`), `data[1]` the controller status,
    /// `data[6]` and `data[7]` the counters.
    public mutating func apply(_ frame: CANFrame) {
        guard frame.kind == .error else { return }
        let errorClass = frame.id.value
        lastErrorClass = errorClass
        let data = frame.data
        if errorClass & CAN_ERR_CNT != 0, data.count >= 8 {
            transmitErrors = Int(data[6])
            receiveErrors = Int(data[7])
        }
        if errorClass & CAN_ERR_BUSOFF != 0 {
            if state != .busOff { busOffCount += 1 }
            state = .busOff
        } else if errorClass & CAN_ERR_RESTARTED != 0 {
            restartCount += 1
            state = .restarted
        } else if errorClass & CAN_ERR_CRTL != 0, data.count >= 2 {
            let status = UInt32(data[1])
            if status & UInt32(CAN_ERR_CRTL_RX_PASSIVE | CAN_ERR_CRTL_TX_PASSIVE) != 0 {
                state = .errorPassive
            } else if status & UInt32(CAN_ERR_CRTL_RX_WARNING | CAN_ERR_CRTL_TX_WARNING) != 0 {
                state = .errorWarning
            } else if status & UInt32(CAN_ERR_CRTL_ACTIVE) != 0 {
                state = .errorActive
            }
        }
    }
}

/// The health of one interface a source reads: link, bus state, counts. A snapshot.
public struct InterfaceHealth: Sendable, Equatable {
    public var interface: String
    public var link: LinkState
    public var bus = BusErrorState()
    /// Data and remote frames delivered, and error frames seen.
    public var framesReceived: UInt64 = 0
    public var errorFrames: UInt64 = 0
    /// Frames the kernel dropped because the socket's receive buffer was full (`SO_RXQ_OVFL`),
    /// summed over every socket opened for this interface.
    public var kernelDrops: UInt64 = 0
    /// How many times the socket was opened again after the interface disappeared.
    public var reopenCount = 0
    /// How many times the interface was seen going down.
    public var downCount = 0
    /// The receive buffer the kernel granted, in bytes.
    public var receiveBufferBytes = 0
    /// The last failure met on this interface (cleared when it is up again).
    public var lastError: SocketCANError?

    public init(interface: String, link: LinkState) {
        self.interface = interface
        self.link = link
    }
}

/// What libsocketcan says about a controller.
public enum ControllerStatus: Sendable, Equatable {
    /// A real controller: its state, error counters and nominal bit rate (bits/s; 0 when unknown).
    case controller(state: ControllerState, transmitErrors: Int?, receiveErrors: Int?, bitRate: Int?)
    /// A virtual interface (vcan, vxcan): libsocketcan answers -1 with errno 0, there is no controller.
    case virtual
    /// libsocketcan (libsocketcan.so.2) is not installed.
    case libraryMissing
    /// libsocketcan failed with this errno (no such interface, or not a CAN interface).
    case failed(errno: Int32)
}

/// `enum can_state` of `linux/can/netlink.h`.
public enum ControllerState: String, Sendable, Equatable {
    case errorActive = "error-active", errorWarning = "error-warning", errorPassive = "error-passive"
    case busOff = "bus-off", stopped, sleeping, unknown
}

/// Reads the controller's state, error counters and bit rate through libsocketcan
/// (`can_get_state`, `can_get_berr_counter`, `can_get_bittiming`).
public func controllerStatus(of interface: String) -> ControllerStatus {
    var rawState: Int32 = 0
    let result = csc_can_get_state(interface, &rawState)
    if result == -2 { return .libraryMissing }
    if result == -1 {
        let code = currentErrno()
        return code == 0 ? .virtual : .failed(errno: code)
    }
    let state: ControllerState =
        switch UInt32(rawState) {
        case CAN_STATE_ERROR_ACTIVE.rawValue: .errorActive
        case CAN_STATE_ERROR_WARNING.rawValue: .errorWarning
        case CAN_STATE_ERROR_PASSIVE.rawValue: .errorPassive
        case CAN_STATE_BUS_OFF.rawValue: .busOff
        case CAN_STATE_STOPPED.rawValue: .stopped
        case CAN_STATE_SLEEPING.rawValue: .sleeping
        default: .unknown
        }
    var counter = can_berr_counter()
    let hasCounter = csc_can_get_berr_counter(interface, &counter) == 0
    var timing = can_bittiming()
    let hasTiming = csc_can_get_bittiming(interface, &timing) == 0
    return .controller(
        state: state, transmitErrors: hasCounter ? Int(counter.txerr) : nil,
        receiveErrors: hasCounter ? Int(counter.rxerr) : nil, bitRate: hasTiming ? Int(timing.bitrate) : nil)
}

/// Restarts a controller after bus-off (libsocketcan `can_do_restart`). Needs CAP_NET_ADMIN, and a
/// controller configured without automatic restart (`restart-ms 0`).
public func restartController(_ interface: String) throws(SocketCANError) {
    let result = csc_can_do_restart(interface)
    if result == -2 { throw .invalidConfiguration("libsocketcan.so.2 is not installed: cannot restart \(interface)") }
    if result != 0 { throw .systemCall("can_do_restart", interface: interface, errno: currentErrno()) }
}
