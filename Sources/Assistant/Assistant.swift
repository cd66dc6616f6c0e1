public import CarGenius

/// Which on-device agent answered an utterance.
public enum AgentName: String, Sendable, Equatable {
    case carGenius = "car-genius"
    case travelCompanion = "travel-companion"
}

/// One answer of the assistant: what to speak, which agent gave it, and the signal values behind it.
public struct AssistantReply: Sendable, Equatable {
    public var text: String
    public var agent: AgentName
    public var intent: String
    public var locale: GeniusLocale
    /// Every signal value the answer used; each number in `text` comes from one of them.
    public var values: [SignalReading]

    public init(text: String, agent: AgentName, intent: String, locale: GeniusLocale, values: [SignalReading]) {
        self.text = text
        self.agent = agent
        self.intent = intent
        self.locale = locale
        self.values = values
    }
}

/// What one conversation remembers across turns, for every agent.
public struct AssistantSession: Sendable {
    public var carGenius = Session()
    public init() {}
}

/// Routes each utterance to the agent that can answer it (Car Genius for car status; Travel Companion for places).
public struct Assistant: Sendable {
    let carGenius: CarGeniusEngine

    public init() {
        carGenius = CarGeniusEngine()
    }

    /// Answers one utterance of a conversation from the given signals.
    public func ask(
        _ utterance: String, locale: GeniusLocale, session: inout AssistantSession, signals: some SignalReader
    ) -> AssistantReply {
        let answer = carGenius.ask(utterance, locale: locale, session: &session.carGenius, signals: signals)
        return AssistantReply(text: answer.text, agent: .carGenius, intent: answer.intent, locale: answer.locale, values: answer.values)
    }
}
