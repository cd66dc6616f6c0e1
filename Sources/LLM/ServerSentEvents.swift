import FoundationEssentials
import JSON

/// Splits a `text/event-stream` body into the `data` payloads of its events (the WHATWG rules that matter here).
///
/// Bytes may arrive in any pieces. Lines end in LF, CR or CRLF; `data:` fields join with newlines; a blank line
/// dispatches the event; comments (`:`) and other fields are ignored. An event not ended by a blank line is not
/// dispatched: a stream cut off mid-event loses that event, as the standard says.
public struct ServerSentEventParser: Sendable {
    var line: [UInt8] = []
    var data: [String] = []
    var lastWasCR = false

    public init() {}

    /// Feeds bytes; returns the payloads of the events they complete, in order.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [String] {
        var events: [String] = []
        for byte in bytes {
            if lastWasCR {
                lastWasCR = false
                if byte == 0x0A { continue }
            }
            if byte == 0x0A || byte == 0x0D {
                lastWasCR = byte == 0x0D
                if let event = endLine() { events.append(event) }
            } else {
                line.append(byte)
            }
        }
        return events
    }

    mutating func endLine() -> String? {
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty {
            guard !data.isEmpty else { return nil }
            defer { data.removeAll() }
            return data.joined(separator: "\n")
        }
        if line.first == UInt8(ascii: ":") { return nil }
        let text = String(decoding: line, as: UTF8.self)
        let field: Substring
        var value: Substring
        if let colon = text.firstIndex(of: ":") {
            field = text[..<colon]
            value = text[text.index(after: colon)...]
            if value.first == " " { value = value.dropFirst() }
        } else {
            field = Substring(text)
            value = ""
        }
        if field == "data" { data.append(String(value)) }
        return nil
    }
}

/// Builds one `ChatCompletion` from the chunks of a streamed response (`chat.completion.chunk` deltas).
///
/// Tool calls arrive in pieces keyed by `index`: the id and name first, the arguments text in fragments.
public struct ChatStreamAccumulator: Sendable {
    var content = ""
    var sawContent = false
    var calls: [Int: (id: String, name: String, arguments: String)] = [:]
    var finishReason: String?
    public private(set) var events = 0
    /// `[DONE]` was received.
    public private(set) var isDone = false

    public init() {}

    /// Adds one event's payload (a JSON chunk or `[DONE]`).
    public mutating func add(_ payload: String) throws(LLMError) {
        events += 1
        if payload.trimmingWhitespace == "[DONE]" {
            isDone = true
            return
        }
        let chunk: JSONValue
        do {
            chunk = try JSONValue.parse(Data(payload.utf8))
        } catch {
            throw .malformedResponse("stream event \(events) is not JSON: \(payload.prefix(80))")
        }
        if let error = chunk["error"] { throw .malformedResponse("server error in stream: \(ChatCompletion.errorMessage(error))") }
        guard let choices = chunk["choices"]?.array else { throw .malformedResponse("stream event \(events) has no \"choices\"") }
        guard let choice = choices.first else { return }  // usage-only chunks
        if let reason = choice["finish_reason"]?.string { finishReason = reason }
        guard let delta = choice["delta"] else { return }
        if let text = delta["content"]?.string {
            content += text
            sawContent = true
        }
        for (position, raw) in (delta["tool_calls"]?.array ?? []).enumerated() {
            let index = raw["index"]?.number.map { Int($0) } ?? position
            var call = calls[index] ?? (id: "call_\(index)", name: "", arguments: "")
            if let id = raw["id"]?.string, !id.isEmpty { call.id = id }
            if let name = raw["function"]?["name"]?.string { call.name += name }
            switch raw["function"]?["arguments"] {
            case .string(let text): call.arguments += text
            case .none, .null: break
            case .some(let other): call.arguments += other.serialized
            }
            calls[index] = call
        }
    }

    /// The completion, once the stream ended with `[DONE]` or a finish reason; `truncatedStream` otherwise.
    public func completion() throws(LLMError) -> ChatCompletion {
        guard isDone || finishReason != nil else { throw .truncatedStream(receivedEvents: events) }
        var toolCalls: [ToolCall] = []
        for index in calls.keys.sorted() {
            let call = calls[index]!
            guard !call.name.isEmpty else { throw .malformedResponse("streamed tool call \(index) has no function name") }
            toolCalls.append(ToolCall(id: call.id, name: call.name, arguments: call.arguments))
        }
        return ChatCompletion(content: sawContent ? content : nil, toolCalls: toolCalls, finishReason: finishReason)
    }

    /// Parses a whole `text/event-stream` body.
    public static func parse(_ body: [UInt8]) throws(LLMError) -> ChatCompletion {
        var parser = ServerSentEventParser()
        var accumulator = ChatStreamAccumulator()
        for payload in parser.feed(body) { try accumulator.add(payload) }
        return try accumulator.completion()
    }
}

extension StringProtocol {
    var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
