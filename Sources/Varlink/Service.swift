public import JSON

/// What a method handler answers: one reply, or a stream of replies for a call made with `more: true`.
public enum MethodResult: Sendable {
    /// One reply with these parameters.
    case reply([String: JSONValue])
    /// A stream of replies. Each element's `continues` says whether more follow; the server stops reading
    /// after an element without it. A stream that finishes after `continues: true` gets a final empty
    /// reply; one that throws a `VarlinkError.reply` ends with that error.
    case stream(AsyncThrowingStream<VarlinkReply, any Error>)
}

/// Handles one call; throw `VarlinkError.reply` to answer with a Varlink error.
public typealias MethodHandler = @Sendable (VarlinkCall) async throws -> MethodResult

/// The values one numeric input field accepts: a closed range, finite, and whole numbers when `integral`.
///
/// The IDL says only `int` or `float`; a bound says what the method can use, so that a value no handler
/// could turn into a `Duration`, an index or a coordinate is refused before any handler runs.
public struct NumericBound: Sendable {
    public var range: ClosedRange<Double>
    public var integral: Bool
    /// The interface's own error for a value out of range, where it declares one; `nil` (or a `nil`
    /// result) answers `org.varlink.service.InvalidParameter` naming the field.
    public var error: (@Sendable (Double) -> VarlinkError?)?

    public init(_ range: ClosedRange<Double>, integral: Bool = false, error: (@Sendable (Double) -> VarlinkError?)? = nil) {
        self.range = range
        self.integral = integral
        self.error = error
    }

    /// Whether `value` is accepted.
    public func admits(_ value: Double) -> Bool {
        value.isFinite && range.contains(value) && (!integral || value.rounded(.towardZero) == value)
    }
}

/// One interface: its `.varlink` description, a handler per method, and the bounds of its numeric inputs.
public struct VarlinkInterface: Sendable {
    public let description: InterfaceDescription
    private(set) var handlers: [String: MethodHandler] = [:]
    /// Method → (field path, bound), checked after the types and before the handler.
    private(set) var bounds: [String: [(field: String, bound: NumericBound)]] = [:]

    public var name: String { description.name }

    /// An interface from its `.varlink` text, with no handlers yet (calls answer `MethodNotImplemented`).
    public init(description text: String) throws(VarlinkError) {
        self.description = try InterfaceDescription(parsing: text)
    }

    public init(description: InterfaceDescription) {
        self.description = description
    }

    /// Registers the handler for `method` (the member name, `Get`), which the description must declare.
    /// Parameters are checked against the declaration before the handler runs.
    public mutating func on(_ method: String, _ handler: @escaping MethodHandler) throws(VarlinkError) {
        guard description.methods[method] != nil else {
            throw .invalidRegistration(reason: "interface \(name) declares no method \(method)")
        }
        handlers[method] = handler
    }

    /// Bounds the numeric input `field` of `method` (a dotted path through structures: `area.latitude`).
    /// - Throws: `VarlinkError.invalidRegistration` when the method or a numeric field of that path is not declared.
    public mutating func bound(_ method: String, _ field: String, _ bound: NumericBound) throws(VarlinkError) {
        guard description.methods[method] != nil else {
            throw .invalidRegistration(reason: "interface \(name) declares no method \(method)")
        }
        guard description.numericInputFields(of: method).contains(field) else {
            throw .invalidRegistration(reason: "\(name).\(method) has no numeric input field \(field)")
        }
        bounds[method, default: []].removeAll { $0.field == field }
        bounds[method, default: []].append((field, bound))
    }

    /// The fields of `method` that have a bound, as dotted paths.
    public func boundedFields(of method: String) -> [String] { bounds[method]?.map(\.field) ?? [] }

    /// Checks the parameters of a call to `method` (already type-checked) against its bounds.
    /// - Throws: the bound's own error, else `VarlinkError.invalidParameter` naming the field.
    public func checkBounds(_ parameters: [String: JSONValue], of method: String) throws(VarlinkError) {
        guard let list = bounds[method] else { return }
        for (field, bound) in list {
            var value: JSONValue? = .object(parameters)
            for part in field.split(separator: ".") { value = value?[String(part)] }
            guard let number = value?.number else { continue }  // absent or null: an optional left out
            if !bound.admits(number) { throw bound.error?(number) ?? .invalidParameter(field) }
        }
    }

    /// Registers a handler that answers one reply.
    public mutating func onReply(
        _ method: String, _ handler: @escaping @Sendable (VarlinkCall) async throws -> [String: JSONValue]
    ) throws(VarlinkError) {
        try on(method) { call in .reply(try await handler(call)) }
    }
}

/// The vendor, product, version and URL that `org.varlink.service.GetInfo` returns.
public struct ServiceInfo: Sendable, Equatable {
    public var vendor: String
    public var product: String
    public var version: String
    public var url: String

    public init(vendor: String, product: String, version: String, url: String) {
        self.vendor = vendor
        self.product = product
        self.version = version
        self.url = url
    }
}

/// A Varlink service: interfaces by name, with `org.varlink.service` built in. Immutable, shareable.
public struct VarlinkService: Sendable {
    /// The `org.varlink.service` description from the Varlink specification.
    public static let serviceInterfaceText = """
        # The Varlink Service Interface is provided by every varlink service. It
        # describes the service and the interfaces it implements.
        interface org.varlink.service

        # Get a list of all the interfaces a service provides and information
        # about the implementation.
        method GetInfo() -> (
          vendor: string,
          product: string,
          version: string,
          url: string,
          interfaces: []string
        )

        # Get the description of an interface that is implemented by this service.
        method GetInterfaceDescription(interface: string) -> (description: string)

        # The requested interface was not found.
        error InterfaceNotFound (interface: string)

        # The requested method was not found
        error MethodNotFound (method: string)

        # The interface defines the requested method, but the service does not
        # implement it.
        error MethodNotImplemented (method: string)

        # One of the passed parameters is invalid.
        error InvalidParameter (parameter: string)

        # Client is denied access
        error PermissionDenied ()

        # Method is expected to be called with 'more' set to true, but wasn't
        error ExpectedMore ()

        """

    public let info: ServiceInfo
    private let interfaces: [String: VarlinkInterface]
    /// The error name sent when a handler throws something other than a `VarlinkError`.
    public let internalErrorName: String
    /// Called with a handler's unexpected error, for logging.
    private let onUnexpectedError: @Sendable (VarlinkCall, any Error) -> Void

    /// - Throws: `VarlinkError.invalidRegistration` when two interfaces share a name or one is named
    ///   `org.varlink.service`.
    public init(
        info: ServiceInfo, interfaces: [VarlinkInterface],
        internalErrorName: String = "org.varlink.service.InternalError",
        onUnexpectedError: @escaping @Sendable (VarlinkCall, any Error) -> Void = { _, _ in }
    ) throws(VarlinkError) {
        self.info = info
        self.internalErrorName = internalErrorName
        self.onUnexpectedError = onUnexpectedError
        var byName: [String: VarlinkInterface] = [:]
        // The built-in interface parses: it is a constant, checked by the tests.
        let service = try VarlinkInterface(description: Self.serviceInterfaceText)
        byName[service.name] = service
        for interface in interfaces {
            guard byName[interface.name] == nil else {
                throw .invalidRegistration(reason: "interface \(interface.name) registered twice")
            }
            byName[interface.name] = interface
        }
        self.interfaces = byName
    }

    /// The names of all interfaces, `org.varlink.service` included, sorted.
    public var interfaceNames: [String] { interfaces.keys.sorted() }

    /// The description of `name`, or `nil`.
    public func interface(named name: String) -> InterfaceDescription? { interfaces[name]?.description }

    /// Answers one call: `send` is called for each reply, in order (never for a `oneway` call).
    ///
    /// A handler error that is not a `VarlinkError` is not shown to the peer (its text may hold internals):
    /// the peer gets `internalErrorName` with the method, and `onUnexpectedError` sees the error.
    /// - Throws: only what `send` throws (the transport failed) or `CancellationError`.
    public func handle(
        _ call: VarlinkCall, send: (VarlinkReply) async throws -> Void
    ) async throws {
        let result: MethodResult
        do {
            result = try await dispatch(call)
        } catch let error as VarlinkError {
            if !call.oneway { try await send(Self.errorReply(error)) }
            return
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            onUnexpectedError(call, error)
            if !call.oneway { try await send(internalErrorReply(call)) }
            return
        }
        if call.oneway { return }
        switch result {
        case .reply(let parameters):
            try await send(VarlinkReply(parameters: parameters))
        case .stream(let stream):
            guard call.more else {
                try await send(Self.errorReply(.expectedMore))
                return
            }
            var ended = false
            do {
                for try await var reply in stream {
                    if reply.error != nil { reply.continues = false }
                    try await send(reply)
                    if !reply.continues {
                        ended = true
                        break
                    }
                }
            } catch let error as VarlinkError {
                try await send(Self.errorReply(error))
                return
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                onUnexpectedError(call, error)
                try await send(internalErrorReply(call))
                return
            }
            try Task.checkCancellation()
            if !ended { try await send(VarlinkReply()) }
        }
    }

    private func dispatch(_ call: VarlinkCall) async throws -> MethodResult {
        let interfaceName = call.interface
        guard let interface = interfaces[interfaceName] else { throw VarlinkError.interfaceNotFound(interfaceName) }
        guard let method = interface.description.methods[call.memberName] else {
            throw VarlinkError.methodNotFound(call.method)
        }
        try interface.description.validate(parameters: call.parameters, of: method)
        try interface.checkBounds(call.parameters, of: call.memberName)
        if interfaceName == "org.varlink.service" { return try builtIn(call) }
        guard let handler = interface.handlers[call.memberName] else {
            throw VarlinkError.methodNotImplemented(call.method)
        }
        return try await handler(call)
    }

    private func builtIn(_ call: VarlinkCall) throws(VarlinkError) -> MethodResult {
        switch call.memberName {
        case "GetInfo":
            return .reply([
                "vendor": .string(info.vendor), "product": .string(info.product),
                "version": .string(info.version), "url": .string(info.url),
                "interfaces": .array(interfaceNames.map { .string($0) }),
            ])
        case "GetInterfaceDescription":
            let name = call.parameters["interface"]?.string ?? ""
            guard let description = interfaces[name]?.description else { throw .interfaceNotFound(name) }
            return .reply(["description": .string(description.text)])
        default:
            throw .methodNotImplemented(call.method)
        }
    }

    /// The error reply for a `VarlinkError`: `.reply` as it is; a protocol error as `InvalidParameter`
    /// naming the message part at fault.
    public static func errorReply(_ error: VarlinkError) -> VarlinkReply {
        switch error {
        case .reply(let name, let parameters):
            return VarlinkReply(error: name, parameters: parameters)
        case .invalidMessage(let reason):
            // Name the field when the reason starts with one ("\"parameters\" must be …").
            var field = "message"
            if reason.hasPrefix("\""), let end = reason.dropFirst().firstIndex(of: "\"") {
                field = String(reason[reason.index(after: reason.startIndex)..<end])
            } else if reason.contains("\"method\"") || reason.hasPrefix("method") {
                field = "method"
            }
            return VarlinkReply(error: "org.varlink.service.InvalidParameter", parameters: ["parameter": .string(field)])
        default:
            return VarlinkReply(error: "org.varlink.service.InvalidParameter", parameters: ["parameter": "message"])
        }
    }

    /// A handler failed with an error that is not a Varlink error: its text stays in the server.
    func internalErrorReply(_ call: VarlinkCall) -> VarlinkReply {
        VarlinkReply(error: internalErrorName, parameters: ["method": .string(call.method)])
    }
}
