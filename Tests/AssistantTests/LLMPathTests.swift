import Assistant
import CarGenius
import FoundationEssentials
import JSON
import LLM
import Speech
import Synchronization
import Testing
import TravelCompanion
import VSS

/// The LLM path's loop and checks, with a scripted model at the transport boundary (the real server: IntegrationTests/llm).
@Suite struct LLMPathTests {
    /// Answers each request with the next scripted completion and keeps the requests.
    final class ScriptedModel: LLMTransport {
        let replies: Mutex<[ChatCompletion]>
        let requests = Mutex<[JSONValue]>([])
        init(_ replies: [ChatCompletion]) { self.replies = Mutex(replies) }

        func exchange(_ request: [UInt8], endpoint: LLMEndpoint, deadline: ContinuousClock.Instant) throws(LLMError) -> HTTPResponse {
            let split = request.firstIndex(of: UInt8(ascii: "{"))!
            if let body = try? JSONValue.parse(Data(request[split...])) { requests.withLock { $0.append(body) } }
            guard let next = replies.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else {
                throw .connectionFailed(endpoint: "scripted", call: "connect", reason: "no more replies")
            }
            var message: [String: JSONValue] = ["role": .string("assistant"), "content": next.content.map { .string($0) } ?? .null]
            if !next.toolCalls.isEmpty {
                message["tool_calls"] = .array(
                    next.toolCalls.map {
                        .object([
                            "id": .string($0.id), "type": .string("function"),
                            "function": .object(["name": .string($0.name), "arguments": .string($0.arguments)]),
                        ])
                    })
            }
            let body = JSONValue.object(["choices": .array([.object(["index": .int(0), "message": .object(message)])])])
            return HTTPResponse(status: 200, headers: ["content-type": "application/json"], body: Array(body.serialized.utf8))
        }

        func pause(_ duration: Duration) {}
    }

    static let signals = SnapshotSignals(entries: [
        "Vehicle.Powertrain.Range": (.number(201_000), 0), "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed": (.number(43), 0),
        "Vehicle.Exterior.AirTemperature": (.number(7), 0),
    ])

    static func ask(
        _ utterance: String, _ script: [ChatCompletion], mode: LLMMode = .always, assistant: Assistant = Assistant()
    ) throws -> (AssistantReply, ScriptedModel) {
        let model = ScriptedModel(script)
        let endpoint = try LLMEndpoint(parsing: "http://127.0.0.1:9/v1")
        let llm = LLMAssistant(
            assistant: assistant, client: ChatClient(endpoint: endpoint, transport: model),
            settings: LLMSettings(endpoint: endpoint, mode: mode, stream: false))
        var session = AssistantSession()
        return (llm.ask(utterance, locale: .enUS, session: &session, signals: signals), model)
    }

    static func call(_ name: String, _ arguments: String) -> ChatCompletion {
        ChatCompletion(content: nil, toolCalls: [ToolCall(id: "c", name: name, arguments: arguments)])
    }

    @Test func aGroundedTextIsSpokenWithTheToolValues() throws {
        let (reply, model) = try Self.ask(
            "how far can I go",
            [Self.call("get_signals", #"{"paths":["Vehicle.Powertrain.Range"]}"#), ChatCompletion(content: "About 201 km, or 125 miles.")])
        #expect(reply.source == .llm)
        #expect(reply.text == "About 201 km, or 125 miles.")
        #expect(reply.values.map(\.path) == ["Vehicle.Powertrain.Range"])
        let sent = model.requests.withLock { $0 }
        #expect(sent.count == 2)
        let toolMessage = sent[1]["messages"]?.array?.last
        #expect(toolMessage?["role"]?.string == "tool")
        #expect(toolMessage?["content"]?.string?.contains("201000") == true)
    }

    @Test(arguments: ["About 999 km.", "About two hundred and fifty miles.", "大约三百公里。", "Etwa zweihundertfünfzig Kilometer."])
    func anInventedFigureIsNotSpoken(_ text: String) throws {
        let (reply, _) = try Self.ask(
            "how far can I go", [Self.call("get_signals", #"{"paths":["Vehicle.Powertrain.Range"]}"#), ChatCompletion(content: text)])
        #expect(reply.source == .llmRejected)
        #expect(reply.text == "You have about 125 miles of range left.")
        #expect(reply.llmProblem?.contains("figures no tool returned") == true)
    }

    @Test func aTextWithoutAnyToolResultIsNotSpoken() throws {
        let (reply, _) = try Self.ask("how far can I go", [ChatCompletion(content: "The car is locked.")])
        #expect(reply.source == .llmRejected)
        #expect(reply.text == "You have about 125 miles of range left.")
    }

    @Test func theToolLoopIsBounded() throws {
        let loop = Array(repeating: Self.call("find_signals", #"{"query":"range"}"#), count: 10)
        let (reply, model) = try Self.ask("how far can I go", loop)
        #expect(reply.source == .llmRejected)
        #expect(model.requests.withLock { $0.count } == 4)
    }

    @Test func fallbackModeAsksTheModelOnlyWhenTheEngineDidNotUnderstand() throws {
        let (understood, idle) = try Self.ask("how far can I go", [ChatCompletion(content: "x")], mode: .fallback)
        #expect(understood.source == .engine)
        #expect(idle.requests.withLock { $0.isEmpty })
        let (open, asked) = try Self.ask(
            "blorp the frobnicator",
            [Self.call("find_signals", #"{"query":"outside temperature"}"#), ChatCompletion(content: "It is 7 °C outside.")],
            mode: .fallback)
        #expect(open.source == .llm)
        #expect(open.intent == "open_question")
        #expect(asked.requests.withLock { $0.count } == 2)
    }

    @Test func theAnswerToolHandsAnIntentBackToTheComposer() throws {
        let (reply, _) = try Self.ask("hmm", [Self.call("answer", #"{"intent":"battery_level"}"#)])
        #expect(reply.source == .llm)
        #expect(reply.intent == "battery_level")
        #expect(reply.text.contains("43"))
    }

    @Test func badArgumentsAndUnknownToolsGetErrorResultsNotCrashes() throws {
        let (reply, model) = try Self.ask(
            "how far can I go",
            [Self.call("get_signals", #"{"paths": ["Vehicle."#), Self.call("self_destruct", "{}"), ChatCompletion(content: "Fine.")])
        #expect(reply.source == .llmRejected)
        let results = model.requests.withLock { $0 }.last?["messages"]?.array?.filter { $0["role"]?.string == "tool" }.compactMap {
            $0["content"]?.string
        }
        #expect(results?.count == 2)
        #expect(results?[0].contains("arguments are not a JSON object") == true)
        #expect(results?[1].contains("unknown tool self_destruct") == true)
    }

    @Test func aServerFailureSpeaksTheEngineAnswer() throws {
        let (reply, _) = try Self.ask("how far can I go", [])
        #expect(reply.source == .engine)
        #expect(reply.text == "You have about 125 miles of range left.")
        #expect(reply.llmProblem?.contains("no more replies") == true)
    }

    @Test func placeNamesMustComeFromFindPlaces() throws {
        let assistant = try RouterTests.demoAssistant()
        let (invented, _) = try Self.ask(
            "blorp", [Self.call("find_signals", #"{"query":"range"}"#), ChatCompletion(content: "Try Pizzeria Napoli.")], assistant: assistant)
        #expect(invented.source == .llmRejected)
        #expect(invented.llmProblem?.contains("Pizzeria Napoli") == true)
        let (found, _) = try Self.ask(
            "blorp", [Self.call("find_places", #"{"query":"pizza"}"#), ChatCompletion(content: "Try Pizzeria Napoli.")], assistant: assistant)
        #expect(found.source == .llm, "\(found.llmProblem ?? "")")
    }

    @Test func theJSONLineAddsSourceOnlyWithTheLLMPath() throws {
        var session = AssistantSession()
        let plain = Assistant().ask("how far can I go", locale: .enUS, session: &session, signals: Self.signals)
        #expect(!plain.jsonLine.contains("\"source\""))
        let (reply, _) = try Self.ask("how far can I go", [])
        #expect(reply.jsonLine.hasSuffix(#","source":"engine"}"#))
    }
}
