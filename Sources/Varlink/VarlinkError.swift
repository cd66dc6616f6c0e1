public import JSON

/// Everything that goes wrong in the Varlink module: framing, JSON, message shape, the IDL, and
/// errors a method replies with.
public enum VarlinkError: Error, Equatable, Sendable {
    /// More than `limit` bytes arrived without a NUL terminator. The stream cannot be resynchronised:
    /// the caller must close the connection.
    case messageTooLarge(limit: Int)
    /// A message is not valid JSON; `offset` is the byte offset inside the message.
    case invalidJSON(offset: Int, reason: String)
    /// A message is valid JSON but not a Varlink call or reply (`reason` names the field).
    case invalidMessage(reason: String)
    /// A `.varlink` interface description does not parse; `line` and `column` count from 1.
    case invalidInterfaceDescription(interface: String, line: Int, column: Int, reason: String)
    /// A method handler was registered for a method that its interface description does not declare,
    /// or an interface was registered twice.
    case invalidRegistration(reason: String)
    /// The peer closed the connection before the expected reply arrived.
    case connectionClosed
    /// A Varlink error reply: `name` is the fully qualified error (`org.varlink.service.MethodNotFound`),
    /// `parameters` its parameters. Handlers throw this to reply with an error; clients receive it.
    case reply(name: String, parameters: [String: JSONValue])
}

extension VarlinkError {
    /// `org.varlink.service.InterfaceNotFound` for `interface`.
    public static func interfaceNotFound(_ interface: String) -> VarlinkError {
        .reply(name: "org.varlink.service.InterfaceNotFound", parameters: ["interface": .string(interface)])
    }

    /// `org.varlink.service.MethodNotFound` for the fully qualified `method`.
    public static func methodNotFound(_ method: String) -> VarlinkError {
        .reply(name: "org.varlink.service.MethodNotFound", parameters: ["method": .string(method)])
    }

    /// `org.varlink.service.MethodNotImplemented` for the fully qualified `method`.
    public static func methodNotImplemented(_ method: String) -> VarlinkError {
        .reply(name: "org.varlink.service.MethodNotImplemented", parameters: ["method": .string(method)])
    }

    /// `org.varlink.service.InvalidParameter` naming the offending `parameter`.
    public static func invalidParameter(_ parameter: String) -> VarlinkError {
        .reply(name: "org.varlink.service.InvalidParameter", parameters: ["parameter": .string(parameter)])
    }

    /// `org.varlink.service.ExpectedMore`: the method streams and must be called with `more: true`.
    public static let expectedMore = VarlinkError.reply(name: "org.varlink.service.ExpectedMore", parameters: [:])

    /// `org.varlink.service.PermissionDenied`: the peer may not call this service.
    public static let permissionDenied = VarlinkError.reply(
        name: "org.varlink.service.PermissionDenied", parameters: [:])
}

extension VarlinkError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .messageTooLarge(let limit):
            "varlink: message larger than \(limit) bytes without a NUL terminator"
        case .invalidJSON(let offset, let reason):
            "varlink: invalid JSON at byte \(offset): \(reason)"
        case .invalidMessage(let reason):
            "varlink: invalid message: \(reason)"
        case .invalidInterfaceDescription(let interface, let line, let column, let reason):
            "varlink: \(interface):\(line):\(column): \(reason)"
        case .invalidRegistration(let reason):
            "varlink: \(reason)"
        case .connectionClosed:
            "varlink: connection closed before the reply"
        case .reply(let name, let parameters):
            parameters.isEmpty ? "varlink error \(name)" : "varlink error \(name) \(JSONValue.object(parameters))"
        }
    }
}

extension JSONParser {
    /// Parses one Varlink message's JSON; a syntax error is the protocol's `invalidJSON` with its byte offset.
    static func parseMessage(_ bytes: some Collection<UInt8>) throws(VarlinkError) -> JSONValue {
        do {
            return try parse(bytes)
        } catch {
            throw .invalidJSON(offset: error.offset, reason: error.reason)
        }
    }
}
