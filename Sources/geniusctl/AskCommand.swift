import ArgumentParser
import CarGenius
import Speech
import SystemPackage
import VSS

/// `geniusctl ask`: asks the assistant, offline from a `--state` snapshot or through the running geniusd.
struct AskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Ask Car Genius about the car; several utterances form one conversation.",
        discussion: """
            With --state FILE, answers offline from a JSON snapshot mapping VSS paths to a value or to \
            {"value": V, "age": SECONDS}; absent paths are unavailable. With --vehicle MANIFEST --log LOG, answers \
            from the state the candump -L log leaves: its frames replayed in log time through the vehicle's DBC files \
            and mapping into the daemon's signal store, read at --at seconds after the first frame (else at the last \
            frame); ages and staleness are measured in log time from that moment. Without either it asks the running \
            daemon (--address).
            """
    )

    @Option(name: .long, help: "A JSON snapshot of the signals to answer from (no daemon needed).")
    var state: String?

    @Option(name: .long, help: ArgumentHelp("With --log: the vehicle manifest (vehicle.json) that decodes and maps the log.", valueName: "MANIFEST"))
    var vehicle: String?

    @Option(name: .long, help: ArgumentHelp("A candump -L log to answer from, replayed in-process (no daemon needed).", valueName: "LOG"))
    var log: String?

    @Option(name: .long, help: ArgumentHelp("With --log: read the state this many seconds after the log's first frame.", valueName: "SECONDS"))
    var at: Double?

    @Option(name: .long, help: "A places file (our JSON, CrossWOZ's restaurant_db.json or a KVRET table) for Travel Companion.")
    var places: String?

    @Option(name: .long, help: "With --places: the driver profiles file (kept across runs; created when missing).")
    var profile: String?

    @Option(name: .long, help: "With --places: the car's local time, e.g. 'Fri 19:30' (default: the system clock).")
    var now: String?

    @OptionGroup var daemon: DaemonOptions

    @OptionGroup var llmOptions: LLMOptions

    @Option(name: .long, help: "en-US, en-GB, de-DE or zh-CN.")
    var locale: String = "en-US"

    @Flag(name: .long, help: "One JSON object per utterance: text, intent, locale, values.")
    var json = false

    @Argument(help: "What the driver said; each argument is one turn of the conversation.")
    var utterances: [String]

    func validate() throws {
        if log != nil || vehicle != nil {
            guard log != nil, vehicle != nil else { throw ValidationError("--log and --vehicle go together: give both") }
            guard state == nil else { throw ValidationError("give --state or --log, not both") }
            guard places == nil else { throw ValidationError("--places works with --state or the daemon, not with --log") }
        }
        if try llmOptions.settings() != nil, state == nil, log == nil {
            throw ValidationError("--llm answers offline, with --state or --vehicle --log; geniusd takes its LLM from its configuration file")
        }
        if let at {
            guard log != nil else { throw ValidationError("--at needs --log") }
            guard at >= 0, at.isFinite else { throw ValidationError("--at must be a number of seconds from 0 on") }
        }
    }

    func run() async throws {
        let genius = try GeniusLocale.parsingOption(locale)
        if let log, let vehicle {
            try askFromRecording(log: log, vehicle: vehicle, locale: genius)
            return
        }
        guard let state else {
            // Without a snapshot the running daemon answers (one session for all utterances).
            try await askOverDaemon(utterances: utterances, locale: genius.rawValue, json: json, address: daemon.resolvedAddress)
            return
        }
        let snapshot: SnapshotSignals
        do {
            snapshot = try SnapshotSignals(jsonBytes: readWholeFile(state), source: state)
        } catch let error as Errno {
            standardError("geniusctl ask: \(state): cannot read (\(error))")
            throw ExitCode(66)  // EX_NOINPUT
        } catch {
            standardError("geniusctl ask: \(error)")
            throw ExitCode(65)  // EX_DATAERR
        }
        if let places {
            try askWithPlaces(places, locale: genius, snapshot: snapshot)
            return
        }
        try answerAll(locale: genius, signals: snapshot)
    }

    /// Asks Car Genius every utterance in one conversation and prints the answers, a line each.
    func answerAll(locale: GeniusLocale, signals: some SignalReader) throws {
        if let settings = try llmOptions.settings() {
            try answerAllWithLLM(settings, locale: locale, signals: signals)
            return
        }
        let engine = CarGeniusEngine()
        var session = Session()
        var out = ""
        for utterance in utterances {
            let answer = engine.ask(utterance, locale: locale, session: &session, signals: signals)
            out += (json ? answer.jsonLine : answer.text) + "\n"
        }
        standardOutput(out)
    }
}

extension GeniusLocale {
    /// The `--locale` option's value as a locale, or a usage error that names the supported ones.
    static func parsingOption(_ identifier: String) throws -> GeniusLocale {
        do {
            return try GeniusLocale(identifier: identifier)
        } catch {
            throw ValidationError("\(error)")
        }
    }
}
