public import JSON

/// A Varlink method call: `{"method": "iface.Method", "parameters": {...}, "oneway"?, "more"?, "upgrade"?}`.
public struct VarlinkCall: Sendable, Equatable {
    /// The fully qualified method name, `interface.Method`.
    public var method: String
    public var parameters: [String: JSONValue]
    /// The caller wants no reply.
    public var oneway: Bool
    /// The caller accepts a stream of replies, all but the last with `continues: true`.
    public var more: Bool
    /// The caller asks to leave the Varlink protocol after the reply (not supported by this server: the
    /// flag is carried, the connection stays Varlink).
    public var upgrade: Bool

    public init(
        method: String, parameters: [String: JSONValue] = [:], oneway: Bool = false, more: Bool = false,
        upgrade: Bool = false
    ) {
        self.method = method
        self.parameters = parameters
        self.oneway = oneway
        self.more = more
        self.upgrade = upgrade
    }

    /// The interface part of `method` (everything before the last dot).
    public var interface: String {
        guard let dot = method.lastIndex(of: ".") else { return "" }
        return String(method[..<dot])
    }

    /// The member name part of `method` (after the last dot).
    public var memberName: String {
        guard let dot = method.lastIndex(of: ".") else { return method }
        return String(method[method.index(after: dot)...])
    }

    /// Reads a call from a decoded message; unknown fields are ignored, as the spec asks.
    public init(json: JSONValue) throws(VarlinkError) {
        guard case .object(let members) = json else {
            throw .invalidMessage(reason: "a call must be a JSON object, got \(json.typeName)")
        }
        guard let method = members["method"]?.string else {
            throw .invalidMessage(reason: "a call needs a string field \"method\"")
        }
        guard let dot = method.lastIndex(of: "."), dot != method.startIndex,
            method.index(after: dot) != method.endIndex
        else {
            throw .invalidMessage(reason: "method \"\(method)\" is not of the form interface.Method")
        }
        var parameters: [String: JSONValue] = [:]
        switch members["parameters"] {
        case nil, .null?: break
        case .object(let value)?: parameters = value
        case let other?:
            throw .invalidMessage(reason: "\"parameters\" must be an object, got \(other.typeName)")
        }
        func flag(_ name: String) throws(VarlinkError) -> Bool {
            switch members[name] {
            case nil, .null?: return false
            case .bool(let value)?: return value
            case let other?: throw .invalidMessage(reason: "\"\(name)\" must be a bool, got \(other.typeName)")
            }
        }
        self.init(
            method: method, parameters: parameters, oneway: try flag("oneway"), more: try flag("more"),
            upgrade: try flag("upgrade"))
    }

    public var json: JSONValue {
        var members: [String: JSONValue] = ["method": .string(method)]
        if !parameters.isEmpty { members["parameters"] = .object(parameters) }
        if oneway { members["oneway"] = true }
        if more { members["more"] = true }
        if upgrade { members["upgrade"] = true }
        return .object(members)
    }

    /// The message on the wire: the JSON text followed by NUL.
    public func encoded() -> [UInt8] {
        var bytes = json.bytes()
        bytes.append(0)
        return bytes
    }
}

/// A Varlink reply: `{"parameters": {...}, "continues"?: true, "error"?: "iface.ErrorName"}`.
public struct VarlinkReply: Sendable, Equatable {
    public var parameters: [String: JSONValue]
    /// More replies to the same call follow.
    public var continues: Bool
    /// The fully qualified error name when this reply is an error.
    public var error: String?

    public init(parameters: [String: JSONValue] = [:], continues: Bool = false, error: String? = nil) {
        self.parameters = parameters
        self.continues = continues
        self.error = error
    }

    /// An error reply for `error`; any `VarlinkError` other than `.reply` has no Varlink name and is
    /// not accepted here.
    public init(error name: String, parameters: [String: JSONValue] = [:]) {
        self.init(parameters: parameters, continues: false, error: name)
    }

    public init(json: JSONValue) throws(VarlinkError) {
        guard case .object(let members) = json else {
            throw .invalidMessage(reason: "a reply must be a JSON object, got \(json.typeName)")
        }
        var parameters: [String: JSONValue] = [:]
        switch members["parameters"] {
        case nil, .null?: break
        case .object(let value)?: parameters = value
        case let other?:
            throw .invalidMessage(reason: "\"parameters\" must be an object, got \(other.typeName)")
        }
        var continues = false
        switch members["continues"] {
        case nil, .null?: break
        case .bool(let value)?: continues = value
        case let other?: throw .invalidMessage(reason: "\"continues\" must be a bool, got \(other.typeName)")
        }
        var error: String?
        switch members["error"] {
        case nil, .null?: break
        case .string(let value)?: error = value
        case let other?: throw .invalidMessage(reason: "\"error\" must be a string, got \(other.typeName)")
        }
        self.init(parameters: parameters, continues: continues, error: error)
    }

    public var json: JSONValue {
        var members: [String: JSONValue] = ["parameters": .object(parameters)]
        if continues { members["continues"] = true }
        if let error { members["error"] = .string(error) }
        return .object(members)
    }

    public func encoded() -> [UInt8] {
        var bytes = json.bytes()
        bytes.append(0)
        return bytes
    }

    /// This reply as a thrown error when it is an error reply, for clients.
    public func checked() throws(VarlinkError) -> VarlinkReply {
        if let error { throw .reply(name: error, parameters: parameters) }
        return self
    }
}
