import Synchronization
import Varlink
import JSON

/// The service the tests talk to: a small interface whose handlers echo, fail, count and record.
enum TestService {
    static let interfaceText = """
        # A test interface: echo, errors with parameters, a stream, oneway calls.
        interface io.cargenius.Test

        type Pair (key: string, value: int)

        # Returns its parameters.
        method Echo(text: string, count: ?int, ratio: ?float, flag: ?bool, pairs: ?[]Pair, extra: ?object) -> (
          text: string, count: ?int, ratio: ?float, flag: ?bool, pairs: ?[]Pair, extra: ?object
        )

        # Always fails with Failed.
        method Fail(reason: string) -> ()

        # Call with more: replies n = 1 ... to, the last without continues.
        method Count(to: int) -> (n: int)

        # Call with more: replies forever, once per millisecond, until the caller goes away.
        method Ticks() -> (tick: int)

        # Records a note (for oneway calls); Notes returns them.
        method Record(note: string) -> ()
        method Notes() -> (notes: []string)

        # Declared, never implemented.
        method Unimplemented() -> ()

        # Throws an error that is not a Varlink error.
        method Crash() -> ()

        error Failed (reason: string, code: int)
        """

    struct Internal: Error {}

    final class Notes: Sendable {
        let notes = Mutex<[String]>([])
        let ticksCancelled = Atomic<Int>(0)
    }

    static let info = ServiceInfo(
        vendor: "Car Genius", product: "varlink-tests", version: "1.0", url: "https://example.invalid/cargenius")

    static func make(notes: Notes = Notes()) throws -> VarlinkService {
        try VarlinkService(info: info, interfaces: [interface(notes: notes)])
    }

    static func interface(notes: Notes) throws -> VarlinkInterface {
        var interface = try VarlinkInterface(description: interfaceText)
        try interface.onReply("Echo") { call in call.parameters }
        try interface.onReply("Fail") { call in
            throw VarlinkError.reply(
                name: "io.cargenius.Test.Failed",
                parameters: ["reason": call.parameters["reason"] ?? "", "code": 42])
        }
        try interface.on("Count") { call in
            let to = call.parameters["to"]?.int ?? 0
            guard to >= 1 else { throw VarlinkError.invalidParameter("to") }
            return .stream(
                AsyncThrowingStream { continuation in
                    for n in 1...to {
                        continuation.yield(VarlinkReply(parameters: ["n": .int(n)], continues: n < to))
                    }
                    continuation.finish()
                })
        }
        try interface.on("Ticks") { _ in
            .stream(
                AsyncThrowingStream { continuation in
                    let task = Task {
                        var tick: Int64 = 0
                        while !Task.isCancelled {
                            tick += 1
                            continuation.yield(VarlinkReply(parameters: ["tick": .int(tick)], continues: true))
                            try? await Task.sleep(for: .milliseconds(1))
                        }
                        notes.ticksCancelled.add(1, ordering: .relaxed)
                        continuation.finish()
                    }
                    continuation.onTermination = { _ in task.cancel() }
                })
        }
        try interface.onReply("Record") { call in
            notes.notes.withLock { $0.append(call.parameters["note"]?.string ?? "") }
            return [:]
        }
        try interface.onReply("Notes") { _ in
            ["notes": .array(notes.notes.withLock { $0 }.map { .string($0) })]
        }
        try interface.onReply("Crash") { _ in throw Internal() }
        return interface
    }
}
