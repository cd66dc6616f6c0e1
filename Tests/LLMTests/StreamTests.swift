import LLM
import Testing

@Suite("LLM server-sent events")
struct StreamTests {
    static let toolStream = [
        #"data: {"choices":[{"index":0,"delta":{"role":"assistant","content":null}}]}"#,
        #"data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_signals","arguments":""}}]}}]}"#,
        #"data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"paths\": [\"Vehicle."}}]}}]}"#,
        #"data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"Speed\"]}"}}]}}]}"#,
        #"data: {"choices":[{"index":0,"finish_reason":"tool_calls","delta":{}}]}"#,
        "data: [DONE]",
    ].map { $0 + "\n\n" }.joined()

    @Test("tool-call fragments join into one call")
    func toolCallFragments() throws {
        let completion = try ChatStreamAccumulator.parse(Array(Self.toolStream.utf8))
        #expect(completion.toolCalls == [ToolCall(id: "call_1", name: "get_signals", arguments: #"{"paths": ["Vehicle.Speed"]}"#)])
        #expect(completion.finishReason == "tool_calls")
    }

    @Test("events split anywhere, with CRLF, comments and multi-line data, come out whole")
    func splitAnywhere() {
        let text = ": ping\r\ndata: a\r\ndata: b\r\n\r\nevent: x\ndata:c\n\n"
        let bytes = Array(text.utf8)
        for cut in 0...bytes.count {
            var parser = ServerSentEventParser()
            let events = parser.feed(bytes[..<cut]) + parser.feed(bytes[cut...])
            #expect(events == ["a\nb", "c"], "cut at \(cut)")
        }
    }

    @Test("content deltas join; [DONE] ends the stream")
    func contentDeltas() throws {
        let text = [
            #"data: {"choices":[{"index":0,"delta":{"content":"Range is "}}]}"#,
            #"data: {"choices":[{"index":0,"delta":{"content":"201 km."}}]}"#, "data: [DONE]",
        ].map { $0 + "\n\n" }.joined()
        #expect(try ChatStreamAccumulator.parse(Array(text.utf8)).content == "Range is 201 km.")
    }

    @Test("a stream cut off before [DONE] or a finish reason is truncated, wherever it is cut")
    func truncated() {
        let bytes = Array(Self.toolStream.utf8)
        let doneAt = Self.toolStream.utf8.count - "data: [DONE]\n\n".utf8.count
        let finishLine = Array(#"data: {"choices":[{"index":0,"finish_reason""#.utf8)
        let finishAt = (0..<bytes.count).first { Array(bytes[$0..<min(bytes.count, $0 + finishLine.count)]) == finishLine }!
        for cut in stride(from: 0, to: finishAt, by: 7) {
            #expect(throws: LLMError.self, "cut at \(cut)") { try ChatStreamAccumulator.parse(Array(bytes[..<cut])) }
        }
        #expect(throws: Never.self) { try ChatStreamAccumulator.parse(Array(bytes[..<doneAt])) }
    }

    @Test("an event that is not JSON is malformed")
    func garbageEvent() {
        #expect(throws: LLMError.self) { try ChatStreamAccumulator.parse(Array("data: {nope\n\n".utf8)) }
    }
}

@Suite("LLM HTTP wire format")
struct HTTPWireTests {
    @Test("chunked bodies are reassembled and complete at the last chunk")
    func chunked() throws {
        let raw = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
        guard case .complete(let response) = try HTTPWire.parse(Array(raw.utf8), closed: false) else {
            Issue.record("expected a complete response")
            return
        }
        #expect(response.status == 200)
        #expect(response.isEventStream)
        #expect(String(decoding: response.body, as: UTF8.self) == "hello world")
        let partial = Array(raw.utf8).dropLast(12)
        #expect(try HTTPWire.parse(Array(partial), closed: false) == .incomplete)
    }

    @Test("Content-Length bodies complete at their length; a closed connection ends a body without one")
    func lengths() throws {
        let raw = Array("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nabcdEXTRA".utf8)
        #expect(
            try HTTPWire.parse(raw, closed: false) == .complete(HTTPResponse(status: 200, headers: ["content-length": "4"], body: Array("abcd".utf8)))
        )
        let open = Array("HTTP/1.0 200 OK\r\n\r\nxyz".utf8)
        #expect(try HTTPWire.parse(open, closed: false) == .incomplete)
        #expect(try HTTPWire.parse(open, closed: true) == .complete(HTTPResponse(status: 200, headers: [:], body: Array("xyz".utf8))))
    }

    @Test("what is not HTTP is malformed", arguments: ["SSH-2.0-OpenSSH\r\n\r\n", "HTTP/1.1 abc\r\n\r\n"])
    func notHTTP(_ raw: String) {
        #expect(throws: LLMError.self) { try HTTPWire.parse(Array(raw.utf8), closed: false) }
    }

    @Test("a connection closed before any response is an error")
    func closedEarly() {
        #expect(throws: LLMError.self) { try HTTPWire.parse([], closed: true) }
    }
}
