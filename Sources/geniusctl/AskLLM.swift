import ArgumentParser
import Assistant
import CarGenius
import JSON
import LLM
import Speech
import VSS

#if canImport(LLMSocket)
    import LLMSocket
#endif

/// `geniusctl ask --llm ENDPOINT [--llm-model NAME] [--llm-mode fallback|always] [--llm-deadline-ms N]`: the LLM path
/// offline, as geniusd runs it.
struct LLMOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "An OpenAI-compatible server for the LLM path (with --state or --vehicle --log): http://127.0.0.1:PORT/v1 or unix:PATH.",
            valueName: "ENDPOINT"))
    var llm: String?

    @Option(name: .customLong("llm-model"), help: ArgumentHelp("The model name sent to the server.", valueName: "NAME"))
    var model: String = "qwen2.5"

    @Option(
        name: .customLong("llm-mode"),
        help: ArgumentHelp("fallback: only when the engine does not understand (default); always: every turn.", valueName: "MODE"))
    var mode: String = "fallback"

    @Option(
        name: .customLong("llm-deadline-ms"),
        help: ArgumentHelp("The LLM path's deadline per turn in milliseconds; then the engine's answer is spoken.", valueName: "N"))
    var deadlineMilliseconds: Int = 1500

    /// Whether any LLM option other than `--llm` was given (they need `--llm`).
    var hasTuning: Bool { model != "qwen2.5" || mode != "fallback" || deadlineMilliseconds != 1500 }

    /// The settings, or a usage error that says which option is wrong and what it takes.
    func settings() throws -> LLMSettings? {
        guard let llm else {
            if hasTuning { throw ValidationError("--llm-model, --llm-mode and --llm-deadline-ms need --llm ENDPOINT") }
            return nil
        }
        let endpoint: LLMEndpoint
        do {
            endpoint = try LLMEndpoint(parsing: llm)
        } catch {
            throw ValidationError("--llm: \(error)")
        }
        guard let mode = LLMMode(rawValue: mode) else {
            throw ValidationError("--llm-mode \(self.mode): expected fallback or always")
        }
        guard (1...600_000).contains(deadlineMilliseconds) else {
            throw ValidationError("--llm-deadline-ms \(deadlineMilliseconds): expected 1 to 600000 milliseconds")
        }
        guard !model.isEmpty, model.count <= 200 else { throw ValidationError("--llm-model: expected a name of 1 to 200 characters") }
        return LLMSettings(endpoint: endpoint, model: model, mode: mode, deadline: .milliseconds(deadlineMilliseconds))
    }
}

extension LLMSettings {
    /// The assistant with the LLM path over this machine's socket transport.
    func assistant(_ assistant: Assistant) throws -> LLMAssistant {
        #if canImport(LLMSocket)
            return LLMAssistant(assistant: assistant, client: ChatClient(endpoint: endpoint, transport: SocketTransport()), settings: self)
        #else
            throw ValidationError("--llm needs the Linux socket transport")
        #endif
    }
}

extension AskCommand {
    /// Answers every utterance through the LLM path; prints what `answerAll` prints, plus `source` with `--json`.
    func answerAllWithLLM(_ settings: LLMSettings, locale: GeniusLocale, signals: some SignalReader) throws {
        let llm = try settings.assistant(Assistant())
        var session = AssistantSession()
        var out = ""
        for utterance in utterances {
            let reply = llm.ask(utterance, locale: locale, session: &session, signals: signals)
            if let problem = reply.llmProblem { standardError("geniusctl ask: llm: \(problem)") }
            guard json else {
                out += reply.text + "\n"
                continue
            }
            // Car Genius's line (text, intent, locale, values) as without --llm, plus source.
            out +=
                JSONValue.orderedObject([
                    ("text", .string(reply.text)), ("intent", .string(reply.intent)), ("locale", .string(reply.locale.rawValue)),
                    ("values", .array(reply.values.map(\.json))), ("source", .string((reply.source ?? .engine).rawValue)),
                ]) + "\n"
        }
        standardOutput(out)
    }
}
