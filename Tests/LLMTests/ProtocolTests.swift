import FoundationEssentials
import JSON
import LLM
import Testing

@Suite("LLM chat-completions protocol")
struct ProtocolTests {
    @Test("a request carries messages, tools and tool_choice as the OpenAI API names them")
    func requestJSON() throws {
        let tool = ToolDefinition(
            name: "get_signals", description: "Reads VSS signals.",
            parameters: .object(["type": .string("object"), "properties": .object(["paths": .object(["type": .string("array")])])]))
        let call = ToolCall(id: "c1", name: "get_signals", arguments: #"{"paths":["Vehicle.Speed"]}"#)
        let request = ChatRequest(
            model: "qwen2.5",
            messages: [
                .system("be brief"), .user("how fast"), ChatMessage(role: .assistant, content: nil, toolCalls: [call]),
                .tool(callID: "c1", result: .array([])),
            ],
            tools: [tool], toolChoice: .function("get_signals"), stream: true, maxTokens: 64)
        let json = try JSONValue.parse(Data(request.body))
        #expect(json["model"]?.string == "qwen2.5")
        #expect(json["stream"]?.bool == true)
        #expect(json["max_tokens"]?.number == 64)
        #expect(json["tools"]?.array?.first?["function"]?["name"]?.string == "get_signals")
        #expect(json["tool_choice"]?["function"]?["name"]?.string == "get_signals")
        let messages = try #require(json["messages"]?.array)
        #expect(messages.map { $0["role"]?.string } == ["system", "user", "assistant", "tool"])
        #expect(messages[2]["content"] == .null)
        #expect(messages[2]["tool_calls"]?.array?.first?["function"]?["arguments"]?.string == #"{"paths":["Vehicle.Speed"]}"#)
        #expect(messages[3]["tool_call_id"]?.string == "c1")
        #expect(messages[3]["content"]?.string == "[]")
    }

    @Test("a response with tool calls parses; arguments as text or as an object")
    func responseToolCalls() throws {
        let body = #"""
            {"choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,
            "tool_calls":[{"id":"a","type":"function","function":{"name":"get_signals","arguments":"{\"paths\":[\"Vehicle.Speed\"]}"}},
            {"id":"b","type":"function","function":{"name":"find_signals","arguments":{"query":"tyre"}}}]}}]}
            """#
        let completion = try ChatCompletion.parse(Array(body.utf8))
        #expect(completion.content == nil)
        #expect(completion.finishReason == "tool_calls")
        #expect(completion.toolCalls.map(\.name) == ["get_signals", "find_signals"])
        #expect(try completion.toolCalls[0].parsedArguments()["paths"] == .array([.string("Vehicle.Speed")]))
        #expect(try completion.toolCalls[1].parsedArguments()["query"] == .string("tyre"))
    }

    @Test("malformed arguments are a typed error naming the tool", arguments: [#"{"paths": ["Vehicle.Speed""#, "[1,2]", "null", "paths=x"])
    func malformedArguments(_ text: String) {
        let call = ToolCall(id: "x", name: "get_signals", arguments: text)
        #expect {
            try call.parsedArguments()
        } throws: { error in
            guard case .invalidToolArguments(let tool, _) = error as? LLMError else { return false }
            return tool == "get_signals"
        }
    }

    @Test("empty arguments are an empty object")
    func emptyArguments() throws {
        #expect(try ToolCall(id: "x", name: "t", arguments: "  ").parsedArguments().isEmpty)
    }

    @Test(
        "garbage, an error object and a missing message are malformed responses",
        arguments: [
            "<html>502</html>", #"{"error":{"message":"context full"}}"#, #"{"choices":[]}"#, #"{"choices":[{"index":0}]}"#,
            #"{"choices":[{"message":{"tool_calls":[{"id":"a","function":{}}]}}]}"#,
        ])
    func malformedResponses(_ body: String) {
        #expect(throws: LLMError.self) { try ChatCompletion.parse(Array(body.utf8)) }
    }

    @Test("an HTTP error status carries the server's message")
    func httpStatus() {
        let response = HTTPResponse(status: 503, headers: [:], body: Array(#"{"error":{"message":"Loading model","code":503}}"#.utf8))
        #expect(throws: LLMError.httpStatus(503, message: "Loading model")) { try ChatClient.completion(from: response) }
        #expect(LLMError.httpStatus(503, message: "").isTransient)
        #expect(!LLMError.httpStatus(500, message: "").isTransient)
    }
}

@Suite("LLM endpoints")
struct EndpointTests {
    @Test(
        "loopback HTTP and Unix sockets are accepted",
        arguments: [
            ("http://127.0.0.1:8080/v1", "http://127.0.0.1:8080/v1", "/v1/chat/completions"),
            ("http://localhost:9000/v1/", "http://127.0.0.1:9000/v1", "/v1/chat/completions"),
            ("http://[::1]:8080/v1", "http://[::1]:8080/v1", "/v1/chat/completions"),
            ("http://127.1.2.3:1/api/v1", "http://127.1.2.3:1/api/v1", "/api/v1/chat/completions"),
            ("http://127.0.0.1:8080", "http://127.0.0.1:8080/v1", "/v1/chat/completions"),
            ("unix:/run/llm/llm.sock", "unix:/run/llm/llm.sock", "/v1/chat/completions"),
        ])
    func accepted(_ text: String, _ canonical: String, _ path: String) throws {
        let endpoint = try LLMEndpoint(parsing: text)
        #expect(endpoint.description == canonical)
        #expect(endpoint.path("chat/completions") == path)
    }

    @Test(
        "any other host is refused: nothing leaves the car",
        arguments: [
            "http://10.0.0.5:8080/v1", "http://api.openai.com:443/v1", "http://0.0.0.0:8080/v1", "http://192.168.1.1:80/v1",
            "http://128.0.0.1:80/v1",
        ])
    func refused(_ text: String) {
        #expect(throws: LLMError.nonLoopbackEndpoint(text)) { try LLMEndpoint(parsing: text) }
    }

    @Test(
        "malformed endpoints say what was expected",
        arguments: [
            "https://127.0.0.1:8080/v1", "ftp://x", "http://127.0.0.1/v1", "http://127.0.0.1:99999/v1", "unix:relative.sock", "127.0.0.1:80",
        ])
    func malformed(_ text: String) {
        #expect {
            try LLMEndpoint(parsing: text)
        } throws: { error in
            guard case .invalidEndpoint(let got, let reason) = error as? LLMError else { return false }
            return got == text && !reason.isEmpty
        }
    }
}
