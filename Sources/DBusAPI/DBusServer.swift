import CSDBus
import GeniusAPI
public import Logging
import Synchronization
public import JSON
public import Varlink

/// The `io.cargenius.*` API on a D-Bus bus through sd-bus: `GeniusDBus.busName` at `GeniusDBus.objectPath`.
///
/// Every call is answered by the same `VarlinkService` the Varlink socket serves (`GeniusDBus` says how
/// the two surfaces correspond), so parameters, checks, replies and errors are the Varlink ones. sd-bus
/// is not thread-safe: one thread owns the connection (it reads calls, writes replies and signals);
/// the methods run as tasks of `run()` and hand their replies back to that thread.
public final class DBusServer: Sendable {
    /// How many streaming calls (`Subscribe`, `Alerts`) one bus connection may have open, and all together.
    public struct Limits: Sendable, Equatable {
        public var subscriptionsPerClient: Int
        public var subscriptions: Int

        public init(subscriptionsPerClient: Int = 64, subscriptions: Int = 1024) {
            self.subscriptionsPerClient = subscriptionsPerClient
            self.subscriptions = subscriptions
        }
    }

    /// The bus served (for logs).
    public let bus: DBusBus
    /// The unique name of geniusd's connection (`:1.42`).
    public let uniqueName: String
    let core: Core

    /// Connects to `bus`, takes `GeniusDBus.busName` and registers the object; nothing is answered before `run()`.
    /// - Throws: `DBusError` when libsystemd is missing, the bus cannot be reached, or the name is refused.
    public init(bus: DBusBus, service: VarlinkService, limits: Limits = Limits(), logger: Logger) throws(DBusError) {
        guard csdbus_available() != 0 else { throw .libsystemdMissing }
        var connection: OpaquePointer?
        let opened: Int32
        switch bus {
        case .system: opened = csdbus_open(0, nil, &connection)
        case .user: opened = csdbus_open(1, nil, &connection)
        case .address(let address): opened = csdbus_open(2, address, &connection)
        }
        guard opened >= 0, let connection else { throw .connect(bus: bus.description, errno: -opened) }
        let wake = csdbus_eventfd()
        guard wake >= 0 else {
            csdbus_close(connection)
            throw .register(what: "an eventfd", errno: -wake)
        }
        let core = Core(connection: connection, wake: wake, service: service, limits: limits, logger: logger)
        // The core lives as long as the connection: released by the loop thread after closing it.
        let context = Unmanaged.passRetained(core).toOpaque()
        func fail(_ error: DBusError) -> DBusError {
            csdbus_close(connection)
            csdbus_close_fd(wake)
            Unmanaged<Core>.fromOpaque(context).release()
            return error
        }
        var unique: UnsafePointer<CChar>?
        let named = csdbus_unique_name(connection, &unique)
        guard named >= 0, let unique else { throw fail(.register(what: "the unique name", errno: -named)) }
        uniqueName = String(cString: unique)
        // Subscriptions end when their caller leaves the bus.
        let match = "type='signal',sender='org.freedesktop.DBus',interface='org.freedesktop.DBus',member='NameOwnerChanged'"
        let matched = csdbus_add_match(connection, match, { message, context in Core.from(context).nameOwnerChanged(message) }, context)
        guard matched >= 0 else { throw fail(.register(what: "the NameOwnerChanged match", errno: -matched)) }
        let added = csdbus_add_object(connection, GeniusDBus.objectPath, { message, context in Core.from(context).received(message) }, context)
        guard added >= 0 else { throw fail(.register(what: "the object \(GeniusDBus.objectPath)", errno: -added)) }
        let requested = csdbus_request_name(connection, GeniusDBus.busName)
        guard requested >= 0 else { throw fail(.requestName(name: GeniusDBus.busName, errno: -requested)) }
        self.bus = bus
        self.core = core
    }

    /// Serves until the task is cancelled or the bus connection is lost; then closes the connection (the
    /// name goes with it, so callers see `NameOwnerChanged`, and every subscription's signals stop).
    public func run() async {
        let core = self.core
        let loopEnded = core.startLoop()
        await withTaskCancellationHandler {
            await withDiscardingTaskGroup { group in
                for await call in core.incoming {
                    group.addTask { await core.serve(call) }
                }
                group.cancelAll()
            }
        } onCancel: {
            core.stop()
        }
        core.stop()
        for await _ in loopEnded {}
    }

    /// Calls in progress or streaming (for `Bus.Status`-like figures and tests).
    public var subscriptionCount: Int { core.subscriptions.withLock { $0.total } }
}

/// Whether a call's first reply is still to come.
final class FirstReply: Sendable {
    private let pending = Atomic<Bool>(true)
    /// `true` once: for the first reply.
    func take() -> Bool { pending.exchange(false, ordering: .acquiringAndReleasing) }
}

/// One call read off the bus, handed to a task.
struct IncomingCall: @unchecked Sendable {
    /// The method call, with a reference this value owns until the reply is sent (on the loop thread).
    let message: OpaquePointer
    let call: VarlinkCall
    let sender: String
    let signal: String?
    let interface: String
    /// For a streaming call: finishes when the caller leaves the bus, and its id in `Subscriptions.waiters`.
    let gone: (stream: AsyncStream<Void>, id: Int)?
}

/// What the tasks hand to the loop thread to send.
enum Outgoing: @unchecked Sendable {
    /// The reply to a call (its message reference released after sending).
    case reply(OpaquePointer, VarlinkReply)
    /// A streaming method's later reply, to its caller only.
    case signal(destination: String, interface: String, member: String, parameters: [String: JSONValue])
}

/// Who subscribed, and the waiters to wake when a caller leaves the bus.
struct Subscriptions {
    var total = 0
    var bySender: [String: Int] = [:]
    var waiters: [String: [Int: AsyncStream<Void>.Continuation]] = [:]
    var nextID = 0
}

final class Core: @unchecked Sendable {
    // Touched only by the loop thread (and by init before the loop starts).
    private let connection: OpaquePointer
    private let wake: Int32
    let service: VarlinkService
    let limits: DBusServer.Limits
    let logger: Logger
    let introspection: String

    private let outbox = Mutex<[Outgoing]>([])
    private let stopping = Atomic<Bool>(false)
    let subscriptions = Mutex(Subscriptions())
    let incoming: AsyncStream<IncomingCall>
    private let incomingContinuation: AsyncStream<IncomingCall>.Continuation
    private let ended: AsyncStream<Void>.Continuation
    private let endedStream: AsyncStream<Void>

    init(connection: OpaquePointer, wake: Int32, service: VarlinkService, limits: DBusServer.Limits, logger: Logger) {
        self.connection = connection
        self.wake = wake
        self.service = service
        self.limits = limits
        self.logger = logger
        self.introspection = GeniusDBus.introspection(of: service)
        (incoming, incomingContinuation) = AsyncStream.makeStream(of: IncomingCall.self)
        (endedStream, ended) = AsyncStream.makeStream(of: Void.self)
    }

    static func from(_ context: UnsafeMutableRawPointer?) -> Core {
        Unmanaged<Core>.fromOpaque(context!).takeUnretainedValue()
    }

    // MARK: The loop thread

    /// Starts the loop thread; the stream finishes when it has closed the connection.
    func startLoop() -> AsyncStream<Void> {
        let context = Unmanaged.passRetained(self).toOpaque()
        let spawned = csdbus_spawn(
            { context in
                let core = Unmanaged<Core>.fromOpaque(context!).takeRetainedValue()
                core.loop()
            }, context)
        if spawned < 0 {
            Unmanaged<Core>.fromOpaque(context).release()
            logger.error("D-Bus API off: cannot start its thread", metadata: ["errno": "\(-spawned)"])
            close()
        }
        return endedStream
    }

    func stop() {
        stopping.store(true, ordering: .relaxed)
        _ = csdbus_wake(wake)
    }

    private func loop() {
        while !stopping.load(ordering: .relaxed) {
            let processed = csdbus_process(connection)
            if processed < 0 {
                logger.error("D-Bus connection lost: the API stays on Varlink only", metadata: ["errno": "\(-processed)"])
                break
            }
            sendQueued()
            if processed > 0 { continue }
            let waited = csdbus_wait(connection, wake)
            if waited < 0 {
                logger.error("D-Bus wait failed: the API stays on Varlink only", metadata: ["errno": "\(-waited)"])
                break
            }
        }
        sendQueued()
        close()
    }

    private func close() {
        incomingContinuation.finish()
        let waiters = subscriptions.withLock { state -> [AsyncStream<Void>.Continuation] in
            let all = state.waiters.values.flatMap(\.values)
            state.waiters = [:]
            return all
        }
        for waiter in waiters { waiter.finish() }
        // Replies nobody will send: their calls' references go.
        for case .reply(let message, _) in outbox.withLock({ queue in
            defer { queue = [] }; return queue
        }) {
            csdbus_message_unref(message)
        }
        csdbus_close(connection)
        csdbus_close_fd(wake)
        ended.finish()
        // The reference taken in DBusServer.init for the sd-bus callbacks.
        Unmanaged.passUnretained(self).release()
    }

    private func sendQueued() {
        let queued = outbox.withLock { queue in
            defer { queue = [] }
            return queue
        }
        for outgoing in queued {
            switch outgoing {
            case .reply(let message, let reply):
                defer { csdbus_message_unref(message) }
                if let error = reply.error {
                    let text = JSONValue.object(reply.parameters).jsonText
                    let sent = csdbus_reply_error(message, error, text)
                    if sent < 0 { logger.warning("D-Bus error reply not sent", metadata: ["errno": "\(-sent)", "dbus.error": "\(error)"]) }
                    continue
                }
                var answer: OpaquePointer?
                var result = csdbus_new_return(message, &answer)
                if result >= 0, let answer {
                    defer { csdbus_message_unref(answer) }
                    do {
                        try MessageValues.appendObject(reply.parameters, to: answer)
                        result = csdbus_send(connection, answer)
                    } catch {
                        _ = csdbus_reply_error(message, "org.freedesktop.DBus.Error.Failed", error.reason)
                    }
                }
                if result < 0 { logger.warning("D-Bus reply not sent", metadata: ["errno": "\(-result)"]) }
            case .signal(let destination, let interface, let member, let parameters):
                var signal: OpaquePointer?
                var result = csdbus_new_signal(connection, GeniusDBus.objectPath, interface, member, destination, &signal)
                if result >= 0, let signal {
                    defer { csdbus_message_unref(signal) }
                    do {
                        try MessageValues.appendObject(parameters, to: signal)
                        result = csdbus_send(connection, signal)
                    } catch {
                        result = -22
                    }
                }
                if result < 0 {
                    logger.warning("D-Bus signal not sent", metadata: ["errno": "\(-result)", "dbus.member": "\(member)"])
                }
            }
        }
    }

    private func enqueue(_ outgoing: Outgoing) {
        outbox.withLock { $0.append(outgoing) }
        _ = csdbus_wake(wake)
    }

    /// A message to the object (on the loop thread): 1 when answered or taken, 0 to let sd-bus answer.
    func received(_ message: OpaquePointer?) -> Int32 {
        guard let message, csdbus_message_type(message) == 1 else { return 0 }
        let interface = csdbus_message_interface(message).map { String(cString: $0) } ?? ""
        let member = csdbus_message_member(message).map { String(cString: $0) } ?? ""
        let sender = csdbus_message_sender(message).map { String(cString: $0) } ?? ""
        if interface == "org.freedesktop.DBus.Introspectable" && member == "Introspect" {
            var answer: OpaquePointer?
            if csdbus_new_return(message, &answer) >= 0, let answer {
                _ = csdbus_append_string(answer, CChar(UInt8(ascii: "s")), introspection)
                _ = csdbus_send(connection, answer)
                csdbus_message_unref(answer)
            }
            return 1
        }
        guard let method = GeniusDBus.method(interface, member, of: service) else {
            let name =
                service.interface(named: interface) == nil || interface == "org.varlink.service"
                ? "org.freedesktop.DBus.Error.UnknownInterface" : "org.freedesktop.DBus.Error.UnknownMethod"
            _ = csdbus_reply_error(message, name, "\(GeniusDBus.objectPath) has no method \(member) on interface \(interface)")
            return 1
        }
        let parameters: [String: JSONValue]
        do {
            parameters = try MessageValues.readParameters(message)
        } catch {
            _ = csdbus_reply_error(message, "org.freedesktop.DBus.Error.InvalidArgs", "\(interface).\(member): \(error.reason)")
            return 1
        }
        var gone: (stream: AsyncStream<Void>, id: Int)?
        if method.signal != nil {
            // Registered here, on the loop thread, before the next message is read: the caller's
            // NameOwnerChanged cannot come before its waiter exists.
            let (stream, continuation) = AsyncStream.makeStream(of: Void.self)
            let refusal = subscriptions.withLock { state -> (String, Int)? in
                if state.total >= limits.subscriptions { return ("subscriptions", limits.subscriptions) }
                if state.bySender[sender, default: 0] >= limits.subscriptionsPerClient {
                    return ("subscriptionsPerClient", limits.subscriptionsPerClient)
                }
                state.total += 1
                state.bySender[sender, default: 0] += 1
                state.nextID += 1
                state.waiters[sender, default: [:]][state.nextID] = continuation
                gone = (stream, state.nextID)
                return nil
            }
            if let (limit, maximum) = refusal {
                let text = JSONValue.object(["limit": .string(limit), "maximum": .int(Int64(maximum))]).jsonText
                _ = csdbus_reply_error(message, "io.cargenius.Bus.LimitReached", text)
                return 1
            }
        }
        csdbus_message_ref(message)
        let call = VarlinkCall(method: method.varlinkMethod, parameters: parameters, more: method.signal != nil)
        incomingContinuation.yield(
            IncomingCall(message: message, call: call, sender: sender, signal: method.signal, interface: interface, gone: gone))
        return 1
    }

    /// `NameOwnerChanged` (on the loop thread): a unique name that lost its owner ends its subscriptions.
    func nameOwnerChanged(_ message: OpaquePointer?) -> Int32 {
        guard let message, case .array(let arguments)? = try? Self.readArguments(message), arguments.count == 3,
            case .string(let name) = arguments[0], case .string(let newOwner) = arguments[2], name.hasPrefix(":"), newOwner.isEmpty
        else { return 0 }
        let waiters = subscriptions.withLock { $0.waiters.removeValue(forKey: name).map { Array($0.values) } ?? [] }
        for waiter in waiters { waiter.finish() }
        return 0
    }

    static func readArguments(_ message: OpaquePointer) throws -> JSONValue {
        var values: [JSONValue] = []
        while true {
            var type: CChar = 0
            var contents: UnsafePointer<CChar>?
            if csdbus_peek(message, &type, &contents) <= 0 { break }
            values.append(try MessageValues.readNext(message, at: "argument \(values.count)", depth: 0))
        }
        return .array(values)
    }

    // MARK: Tasks

    /// Answers one call: the first reply is the method's return; a streaming method's later replies are
    /// signals to the caller, until the stream ends, the caller leaves the bus or the server stops.
    func serve(_ incoming: IncomingCall) async {
        guard let signal = incoming.signal, let (gone, waiterID) = incoming.gone else {
            let first = FirstReply()
            do {
                try await service.handle(incoming.call) { reply in
                    if first.take() { self.enqueue(.reply(incoming.message, reply)) }
                }
            } catch {}
            if first.take() {
                enqueue(.reply(incoming.message, VarlinkReply(error: "org.freedesktop.DBus.Error.Failed", parameters: [:])))
            }
            return
        }
        defer {
            subscriptions.withLock { state in
                state.waiters[incoming.sender]?[waiterID] = nil
                if state.waiters[incoming.sender]?.isEmpty == true { state.waiters[incoming.sender] = nil }
                state.total -= 1
                state.bySender[incoming.sender, default: 1] -= 1
                if state.bySender[incoming.sender] == 0 { state.bySender[incoming.sender] = nil }
            }
        }
        let first = FirstReply()
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await self.service.handle(incoming.call) { reply in
                        if first.take() {
                            self.enqueue(.reply(incoming.message, reply))
                        } else if reply.error == nil, reply.continues || !reply.parameters.isEmpty {
                            self.enqueue(
                                .signal(destination: incoming.sender, interface: incoming.interface, member: signal, parameters: reply.parameters))
                        }
                    }
                } catch {}
            }
            group.addTask { for await _ in gone {} }
            await group.next()
            group.cancelAll()
        }
        if first.take() {
            // Cancelled before the first reply (the server stops): the call still gets an answer.
            enqueue(.reply(incoming.message, VarlinkReply(error: "org.freedesktop.DBus.Error.NoServer", parameters: [:])))
        }
    }
}
