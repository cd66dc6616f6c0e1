import FoundationEssentials
public import JSON

/// One message of a chat-completions conversation.
public struct ChatMessage: Sendable, Equatable {
    public enum Role: String, Sendable { case system, user, assistant, tool }
    public var role: Role
    /// The text; `nil` for an assistant message that only calls tools.
    public var content: String?
    /// The tools an assistant message calls.
    public var toolCalls: [ToolCall]
    /// For a `tool` message: the id of the call it answers.
    public var toolCallID: String?

    public init(role: Role, content: String?, toolCalls: [ToolCall] = [], toolCallID: String? = nil) {
        self.role = role
        self.content = content
        self.toolCalls = toolCalls
        self.toolCallID = toolCallID
    }

    public static func system(_ text: String) -> ChatMessage { ChatMessage(role: .system, content: text) }
    public static func user(_ text: String) -> ChatMessage { ChatMessage(role: .user, content: text) }
    public static func assistant(_ text: String) -> ChatMessage { ChatMessage(role: .assistant, content: text) }
    /// The result of one tool call, as JSON text.
    public static func tool(callID: String, result: JSONValue) -> ChatMessage {
        ChatMessage(role: .tool, content: result.serialized, toolCallID: callID)
    }

    var json: JSONValue {
        var o: [String: JSONValue] = ["role": .string(role.rawValue), "content": content.map { .string($0) } ?? .null]
        if !toolCalls.isEmpty { o["tool_calls"] = .array(toolCalls.map(\.json)) }
        if let toolCallID { o["tool_call_id"] = .string(toolCallID) }
        return .object(o)
    }
}

/// A function the model asked to call; `arguments` is the model's JSON text, unchecked until parsed.
public struct ToolCall: Sendable, Equatable {
    public var id: String
    public var name: String
    public var arguments: String

    public init(id: String, name: String, arguments: String) {
        self.id = id
        self.name = name
        self.arguments = arguments
    }

    /// The arguments as a JSON object; empty text counts as `{}`. Throws `invalidToolArguments` otherwise.
    public func parsedArguments() throws(LLMError) -> [String: JSONValue] {
        let trimmed = arguments.trimmingWhitespace
        if trimmed.isEmpty { return [:] }
        let value: JSONValue
        do {
            value = try JSONValue.parse(Data(trimmed.utf8))
        } catch {
            throw .invalidToolArguments(tool: name, reason: "not JSON: \(trimmed.prefix(80))")
        }
        guard case .object(let members) = value else {
            throw .invalidToolArguments(tool: name, reason: "expected an object, got \(trimmed.prefix(80))")
        }
        return members
    }

    var json: JSONValue {
        .object([
            "id": .string(id), "type": .string("function"),
            "function": .object(["name": .string(name), "arguments": .string(arguments)]),
        ])
    }
}

/// A tool offered to the model: its name, what it does, and its parameters as a JSON Schema object.
public struct ToolDefinition: Sendable, Equatable {
    public var name: String
    public var description: String
    public var parameters: JSONValue

    public init(name: String, description: String, parameters: JSONValue) {
        self.name = name
        self.description = description
        self.parameters = parameters
    }

    var json: JSONValue {
        .object([
            "type": .string("function"),
            "function": .object(["name": .string(name), "description": .string(description), "parameters": parameters]),
        ])
    }
}

/// `tool_choice`: whether the model may, must or must not call tools, or must call one named tool.
public enum ToolChoice: Sendable, Equatable {
    case auto, none, required
    case function(String)

    var json: JSONValue {
        switch self {
        case .auto: .string("auto")
        case .none: .string("none")
        case .required: .string("required")
        case .function(let name): .object(["type": .string("function"), "function": .object(["name": .string(name)])])
        }
    }
}

/// A `POST /v1/chat/completions` request.
public struct ChatRequest: Sendable, Equatable {
    public var model: String
    public var messages: [ChatMessage]
    public var tools: [ToolDefinition]
    public var toolChoice: ToolChoice?
    /// Server-sent events (`stream: true`) instead of one JSON document.
    public var stream: Bool
    public var temperature: Double?
    public var maxTokens: Int?
    public var seed: Int?

    public init(
        model: String, messages: [ChatMessage], tools: [ToolDefinition] = [], toolChoice: ToolChoice? = nil, stream: Bool = false,
        temperature: Double? = nil, maxTokens: Int? = nil, seed: Int? = nil
    ) {
        self.model = model
        self.messages = messages
        self.tools = tools
        self.toolChoice = toolChoice
        self.stream = stream
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.seed = seed
    }

    /// The request body as JSON.
    public var json: JSONValue {
        var o: [String: JSONValue] = [
            "model": .string(model), "messages": .array(messages.map(\.json)), "stream": .bool(stream),
        ]
        if !tools.isEmpty { o["tools"] = .array(tools.map(\.json)) }
        if let toolChoice, !tools.isEmpty { o["tool_choice"] = toolChoice.json }
        if let temperature { o["temperature"] = .double(temperature) }
        if let maxTokens { o["max_tokens"] = .double(Double(maxTokens)) }
        if let seed { o["seed"] = .double(Double(seed)) }
        return .object(o)
    }

    public var body: [UInt8] { Array(json.serialized.utf8) }
}

/// The assistant's reply: text, tool calls, or both.
public struct ChatCompletion: Sendable, Equatable {
    public var content: String?
    public var toolCalls: [ToolCall]
    /// `stop`, `tool_calls`, `length`, ...; `nil` when the server gave none.
    public var finishReason: String?

    public init(content: String?, toolCalls: [ToolCall] = [], finishReason: String? = nil) {
        self.content = content
        self.toolCalls = toolCalls
        self.finishReason = finishReason
    }

    /// Parses a non-streaming response body (`choices[0].message`); a body with `error` becomes `httpStatus`-like text.
    public static func parse(_ body: [UInt8]) throws(LLMError) -> ChatCompletion {
        let value: JSONValue
        do {
            value = try JSONValue.parse(Data(body))
        } catch {
            throw .malformedResponse("expected a JSON object, got \(String(decoding: body.prefix(80), as: UTF8.self))")
        }
        if let error = value["error"] { throw .malformedResponse("server error: \(errorMessage(error))") }
        guard let choices = value["choices"]?.array else { throw .malformedResponse("no \"choices\" array") }
        guard let first = choices.first, let message = first["message"], message.object != nil else {
            throw .malformedResponse("choices[0] has no \"message\" object")
        }
        let content = message["content"]?.string
        var calls: [ToolCall] = []
        for (index, raw) in (message["tool_calls"]?.array ?? []).enumerated() {
            calls.append(try toolCall(raw, index: index))
        }
        return ChatCompletion(content: content, toolCalls: calls, finishReason: first["finish_reason"]?.string)
    }

    static func toolCall(_ raw: JSONValue, index: Int) throws(LLMError) -> ToolCall {
        guard let function = raw["function"], let name = function["name"]?.string, !name.isEmpty else {
            throw .malformedResponse("tool_calls[\(index)] has no function name")
        }
        let arguments: String
        switch function["arguments"] {
        case .string(let text): arguments = text
        case .none, .null: arguments = ""
        case .some(let other): arguments = other.serialized  // some servers send the object itself
        }
        return ToolCall(id: raw["id"]?.string ?? "call_\(index)", name: name, arguments: arguments)
    }

    static func errorMessage(_ error: JSONValue) -> String {
        error["message"]?.string ?? error.string ?? error.serialized
    }
}
