import CarGenius
import JSON
public import LLM
public import Speech
import TravelCompanion
public import VSS

/// Who produced the text of a reply when the LLM path is configured (the `source` of the ask contract).
public enum ReplySource: String, Sendable, Equatable {
    /// The on-device engine (the LLM was not consulted, or failed: down, slow, garbage).
    case engine
    /// The LLM's text, grounded; or the composer's answer to an intent the LLM handed back.
    case llm
    /// The LLM answered, but its text failed the grounding check (or it never gave one): the engine's answer was spoken.
    case llmRejected = "llm-rejected"
}

/// When the LLM is consulted.
public enum LLMMode: String, Sendable, Equatable, CaseIterable {
    /// Only when the engine did not understand the utterance (the default).
    case fallback
    /// Every turn (for testing).
    case always
}

/// How the LLM path is set up: which server, which model, when, and how long it may take.
public struct LLMSettings: Sendable, Equatable {
    public var endpoint: LLMEndpoint
    public var model: String
    public var mode: LLMMode
    /// The whole LLM path of one turn, every tool round included; after it the engine's answer is spoken.
    public var deadline: Duration
    /// Completions per turn: the tool-call loop ends after this many.
    public var maxToolRounds: Int
    /// Tool calls executed per completion (the rest are answered with an error).
    public var maxToolCallsPerRound: Int
    public var maxTokens: Int
    /// Ask for server-sent events (`stream: true`) rather than one JSON document.
    public var stream: Bool

    public init(
        endpoint: LLMEndpoint, model: String = "qwen2.5", mode: LLMMode = .fallback, deadline: Duration = .milliseconds(1500),
        maxToolRounds: Int = 4, maxToolCallsPerRound: Int = 4, maxTokens: Int = 160, stream: Bool = true
    ) {
        self.endpoint = endpoint
        self.model = model
        self.mode = mode
        self.deadline = deadline
        self.maxToolRounds = maxToolRounds
        self.maxToolCallsPerRound = maxToolCallsPerRound
        self.maxTokens = maxTokens
        self.stream = stream
    }
}

/// The assistant with the LLM path: the engine answers first; the LLM, with tools over the live signals, when the mode
/// says so; its text is spoken only when every figure in it comes from a tool result and every place name from
/// `find_places`.
public struct LLMAssistant: Sendable {
    public let assistant: Assistant
    public let client: ChatClient
    public let settings: LLMSettings

    public init(assistant: Assistant, client: ChatClient, settings: LLMSettings) {
        self.assistant = assistant
        self.client = client
        self.settings = settings
    }

    /// Messages of earlier turns given to the model (user and assistant, newest last).
    static let historyLimit = 6

    /// Answers one utterance; the reply's `source` says who produced the text, `llmProblem` why the LLM's was not used.
    public func ask(
        _ utterance: String, locale: GeniusLocale, session: inout AssistantSession, signals: some SignalReader
    ) -> AssistantReply {
        let start = ContinuousClock.now
        let history = session.llmHistory
        var reply = assistant.ask(utterance, locale: locale, session: &session, signals: signals)
        reply.source = .engine
        if settings.mode == .always || !reply.isUnderstood {
            var turn = LLMTurn(
                assistant: assistant, settings: settings, locale: reply.locale, signals: signals, driver: session.driver)
            reply = turn.run(utterance: utterance, history: history, engineReply: reply, client: client, deadline: start + settings.deadline)
        }
        session.llmHistory.append(.user(utterance))
        session.llmHistory.append(.assistant(reply.text))
        if session.llmHistory.count > Self.historyLimit { session.llmHistory.removeFirst(session.llmHistory.count - Self.historyLimit) }
        return reply
    }
}

/// One turn of the LLM path: the tool-call loop, then the grounding check.
struct LLMTurn<Signals: SignalReader> {
    let assistant: Assistant
    let settings: LLMSettings
    let locale: GeniusLocale
    let signals: Signals
    let driver: String
    /// Every reading a tool returned this turn: the only figures the model's text may contain.
    var toolValues: [SignalReading] = []
    /// Every place name `find_places` returned this turn.
    var placeNames: [String] = []
    /// The composer's answer, when the model handed an intent back with `answer`.
    var composed: Answer?

    init(assistant: Assistant, settings: LLMSettings, locale: GeniusLocale, signals: Signals, driver: String) {
        self.assistant = assistant
        self.settings = settings
        self.locale = locale
        self.signals = signals
        self.driver = driver
    }

    mutating func run(
        utterance: String, history: [ChatMessage], engineReply: AssistantReply, client: ChatClient, deadline: ContinuousClock.Instant
    ) -> AssistantReply {
        var messages: [ChatMessage] = [.system(LLMPrompt.system(locale: locale, model: settings.model))] + history + [.user(utterance)]
        let tools = LLMTools.definitions(travel: assistant.travel != nil)
        var finalText: String? = nil
        do throws(LLMError) {
            for _ in 0..<settings.maxToolRounds {
                let request = ChatRequest(
                    model: settings.model, messages: messages, tools: tools, toolChoice: .auto, stream: settings.stream, temperature: 0,
                    maxTokens: settings.maxTokens, seed: 42)
                let completion = try client.complete(request, deadline: deadline)
                if completion.toolCalls.isEmpty {
                    finalText = completion.content ?? ""
                    break
                }
                messages.append(ChatMessage(role: .assistant, content: completion.content, toolCalls: completion.toolCalls))
                for (index, call) in completion.toolCalls.enumerated() {
                    let result: JSONValue =
                        index < settings.maxToolCallsPerRound
                        ? execute(call) : .object(["error": .string("too many tool calls in one turn; this one was not run")])
                    if let composed {
                        return reply(composed, engineReply: engineReply)
                    }
                    messages.append(.tool(callID: call.id, result: result))
                }
            }
        } catch {
            var fallback = engineReply
            fallback.source = .engine
            let milliseconds = Int(settings.deadline.components.seconds * 1000 + settings.deadline.components.attoseconds / 1_000_000_000_000_000)
            fallback.llmProblem =
                (error == .deadlineExceeded(milliseconds: 0) ? LLMError.deadlineExceeded(milliseconds: milliseconds) : error).description
            return fallback
        }
        guard let raw = finalText else {
            return rejected(engineReply, "no final answer after \(settings.maxToolRounds) tool rounds")
        }
        let text = LLMPrompt.spokenText(raw)
        guard !text.isEmpty else { return rejected(engineReply, "empty answer") }
        let figures = GroundingCheck.ungroundedFigures(in: text, values: toolValues, locale: locale)
        guard figures.isEmpty else {
            return rejected(engineReply, "figures no tool returned (\(figures.prefix(5).joined(separator: ", "))) in: \(text.prefix(300))")
        }
        if let travel = assistant.travel {
            let lower = text.lowercased()
            let unknown = travel.current.store.places.flatMap { [$0.name] + Array($0.names.values) }.filter { name in
                name.count >= 4 && lower.contains(name.lowercased()) && !placeNames.contains(name)
            }
            guard unknown.isEmpty else {
                return rejected(
                    engineReply, "places find_places did not return (\(unknown.prefix(3).joined(separator: ", "))) in: \(text.prefix(300))")
            }
        }
        guard text.count <= 600 else { return rejected(engineReply, "answer longer than 600 characters") }
        // Without a tool result the model knows nothing about this car ("the car is locked" would be a guess): its text
        // is not spoken. Only figures and place names are checked, so this is what keeps tool-less claims out.
        guard !toolValues.isEmpty else {
            return rejected(engineReply, "no tool was called, so nothing in the text comes from the car; not spoken: \(text.prefix(300))")
        }
        var spoken = engineReply
        spoken.text = text
        spoken.values = toolValues
        if !engineReply.isUnderstood { spoken.intent = "open_question" }
        spoken.places = engineReply.agent == .travelCompanion ? engineReply.places : []
        spoken.source = .llm
        spoken.llmProblem = nil
        return spoken
    }

    func rejected(_ engineReply: AssistantReply, _ problem: String) -> AssistantReply {
        var reply = engineReply
        reply.source = .llmRejected
        reply.llmProblem = problem
        return reply
    }

    /// The composer's answer to the intent the model handed back, spoken as Car Genius speaks it.
    func reply(_ answer: Answer, engineReply: AssistantReply) -> AssistantReply {
        var reply = AssistantReply(text: answer.text, agent: .carGenius, intent: answer.intent, locale: answer.locale, values: answer.values)
        reply.source = .llm
        if answer.intent == "out_of_scope" {
            reply = engineReply
            reply.source = .llmRejected
            reply.llmProblem = "answer: the composer declined the intent"
        }
        return reply
    }

    /// Runs one tool call against live data; a bad call gets an error result the model can read, never a crash.
    mutating func execute(_ call: ToolCall) -> JSONValue {
        let arguments: [String: JSONValue]
        do {
            arguments = try call.parsedArguments()
        } catch {
            return .object(["error": .string(error.description)])
        }
        switch call.name {
        case "get_signals":
            var paths: [String] = []
            switch arguments["paths"] {
            case .array(let items): paths = items.compactMap(\.string)
            case .string(let one): paths = [one]
            default: return .object(["error": .string("get_signals needs \"paths\": a list of VSS paths such as Vehicle.Speed")])
            }
            let valid = paths.filter { $0.hasPrefix("Vehicle.") && $0.count <= 200 }.prefix(16)
            guard !valid.isEmpty else { return .object(["error": .string("no VSS path given (paths start with Vehicle.)")]) }
            return .array(valid.map { record(signals.reading($0)) })
        case "find_signals":
            guard let query = arguments["query"]?.string, !query.isEmpty else {
                return .object(["error": .string("find_signals needs \"query\": words such as \"tyre pressure\"")])
            }
            let paths = LLMTools.findPaths(query, signals: signals)
            guard !paths.isEmpty else { return .object(["error": .string("no signal matches \(query)")]) }
            return .array(paths.map { record(signals.reading($0)) })
        case "explain_warning":
            guard let name = (arguments["lamp"] ?? arguments["code"] ?? arguments["name"])?.string else {
                return .object(["error": .string("explain_warning needs \"lamp\" (a lamp name) or \"code\" (a trouble code)")])
            }
            guard let explanation = assistant.carGenius.explainWarning(name, locale: locale, signals: signals) else {
                return .object(["error": .string("unknown lamp or code: \(name)")])
            }
            var o: [String: JSONValue] = [
                "name": .string(explanation.name), "label": .string(explanation.label), "advice": .string(explanation.advice),
            ]
            if let severity = explanation.severity { o["severity"] = .double(Double(severity)) }
            if let reading = explanation.reading { o["lamp"] = record(reading) }
            return .object(o)
        case "find_places":
            return findPlaces(arguments)
        case "answer":
            guard let intent = arguments["intent"]?.string, CarGeniusEngine.answerableIntents.contains(intent) else {
                return .object([
                    "error": .string("answer needs \"intent\", one of: \(CarGeniusEngine.answerableIntents.joined(separator: ", "))")
                ])
            }
            let slots: String
            switch arguments["slots"] {
            case .object(let members): slots = members.keys.sorted().compactMap { members[$0]?.string }.joined(separator: " ")
            case .string(let text): slots = text
            default: slots = ""
            }
            composed = assistant.carGenius.answer(intent: intent, slots: slots, locale: locale, signals: signals)
            return .object(["text": .string(composed!.text)])
        default:
            return .object(["error": .string("unknown tool \(call.name); the tools are \(LLMTools.names(travel: assistant.travel != nil))")])
        }
    }

    /// Keeps a reading for the grounding check and returns it as the tool result shows it.
    mutating func record(_ reading: SignalReading) -> JSONValue {
        toolValues.append(reading)
        var o: [String: JSONValue] = ["path": .string(reading.path), "status": .string(reading.spokenStatus)]
        if let value = reading.value, reading.isUsable {
            o["value"] = value.json
            if let unit = reading.unit { o["unit"] = .string(unit) }
            o["age_s"] = .double((reading.age * 10).rounded() / 10)
        }
        return .object(o)
    }

    mutating func findPlaces(_ arguments: [String: JSONValue]) -> JSONValue {
        guard let travel = assistant.travel else { return .object(["error": .string("no places are configured in this car")]) }
        var query = arguments["query"]?.string ?? ""
        if case .object(let constraints) = arguments["constraints"] {
            query +=
                " " + constraints.keys.sorted().compactMap { constraints[$0]?.string ?? constraints[$0].map(\.serialized) }.joined(separator: " ")
        }
        guard !query.allSatisfy(\.isWhitespace) else {
            return .object(["error": .string("find_places needs \"query\": what to find, e.g. \"cheap italian restaurant open now\"")])
        }
        let companion = travel.current
        var scratch = TravelSession()
        var profile = travel.profile(driver)  // read only: nothing the model asks for changes the driver's profile
        let context = TravelContext(signals: signals, now: travel.clock())
        let answer = companion.ask(
            companion.understand(query, sessionActive: false), utterance: query, locale: locale, session: &scratch, profile: &profile,
            context: context)
        for reading in answer.values { _ = record(reading) }
        var places: [JSONValue] = []
        for s in answer.suggestions.prefix(5) {
            let name = s.place.name(for: locale.language.rawValue)
            placeNames.append(name)
            placeNames.append(s.place.name)
            var o: [String: JSONValue] = ["name": .string(name), "category": .string(s.place.category.rawValue)]
            if let d = s.estimate?.distance {
                o["distance_m"] = .double(d.rounded())
                toolValues.append(SignalReading(path: "place.\(s.place.id).distance", value: .number(d.rounded()), unit: "m", status: .available))
            }
            if let m = s.estimate?.minutes {
                o["minutes"] = .double(m.rounded())
                toolValues.append(SignalReading(path: "place.\(s.place.id).minutes", value: .number(m.rounded()), unit: "min", status: .available))
            }
            if let r = s.place.rating {
                o["rating"] = .double(r)
                toolValues.append(SignalReading(path: "place.\(s.place.id).rating", value: .number(r), status: .available))
            }
            places.append(.object(o))
        }
        return .object(["places": .array(places), "summary": .string(answer.text)])
    }
}
