/// What goes wrong connecting geniusd to a D-Bus bus.
public enum DBusError: Error, Equatable, Sendable, CustomStringConvertible {
    /// libsystemd.so.0 (sd-bus) could not be loaded.
    case libsystemdMissing
    /// The bus could not be reached (`errno` from sd-bus: ENOENT when no bus listens at the address).
    case connect(bus: String, errno: Int32)
    /// The bus refused the well-known name (EEXIST: another connection owns it; EACCES: the policy does
    /// not let this user own it).
    case requestName(name: String, errno: Int32)
    /// Registering the object or the match rule failed.
    case register(what: String, errno: Int32)
    /// A `dbus` setting that is none of `system`, `user`, `off` or a D-Bus address.
    case invalidSetting(String)

    public var description: String {
        switch self {
        case .libsystemdMissing:
            "libsystemd.so.0 with sd-bus cannot be loaded"
        case .connect(let bus, let errno):
            "cannot connect to the \(bus) bus: \(Self.errnoText(errno))"
        case .requestName(let name, let errno):
            errno == 17
                ? "the name \(name) is owned by another connection"
                : "the bus refused the name \(name): \(Self.errnoText(errno))"
        case .register(let what, let errno):
            "cannot register \(what): \(Self.errnoText(errno))"
        case .invalidSetting(let setting):
            "\"\(setting)\" is not a D-Bus bus: give system, user, off or an address such as unix:path=/run/dbus/system_bus_socket"
        }
    }

    static func errnoText(_ errno: Int32) -> String {
        switch errno {
        case 2: "no bus at this address (ENOENT)"
        case 13: "permission denied by the bus policy (EACCES)"
        case 111: "connection refused (ECONNREFUSED)"
        case 17: "already owned (EEXIST)"
        default: "errno \(errno)"
        }
    }
}

/// Which bus geniusd serves the API on (the `dbus` setting).
public enum DBusBus: Sendable, Equatable, CustomStringConvertible {
    /// The system bus: `DBUS_SYSTEM_BUS_ADDRESS`, else /run/dbus/system_bus_socket.
    case system
    /// The user's session bus: `DBUS_SESSION_BUS_ADDRESS`, else $XDG_RUNTIME_DIR/bus.
    case user
    /// A bus at this D-Bus address (`unix:path=/tmp/test-bus`).
    case address(String)

    /// Parses the `dbus` setting; `nil` for `off`.
    /// - Throws: `DBusError.invalidSetting` for anything else that is not an address (`KIND:key=value`).
    public init?(setting: String) throws(DBusError) {
        switch setting {
        case "off": return nil
        case "system": self = .system
        case "user", "session": self = .user
        default:
            guard let colon = setting.firstIndex(of: ":"), colon != setting.startIndex,
                setting[setting.index(after: colon)...].contains("=")
            else { throw .invalidSetting(setting) }
            self = .address(setting)
        }
    }

    public var description: String {
        switch self {
        case .system: "system"
        case .user: "user"
        case .address(let address): address
        }
    }
}
