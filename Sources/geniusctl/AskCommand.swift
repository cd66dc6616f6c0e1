import ArgumentParser
import CarGenius
import Speech
import SystemPackage

/// `geniusctl ask`: asks the assistant, offline from a `--state` snapshot or through the running geniusd.
struct AskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Ask Car Genius about the car; several utterances form one conversation.",
        discussion: """
            With --state FILE, answers offline from a JSON snapshot mapping VSS paths to a value or to \
            {"value": V, "age": SECONDS}; absent paths are unavailable. Without --state it asks the running daemon (--address).
            """
    )

    @Option(name: .long, help: "A JSON snapshot of the signals to answer from (no daemon needed).")
    var state: String?

    @Option(name: .long, help: "A places file (our JSON, CrossWOZ's restaurant_db.json or a KVRET table) for Travel Companion.")
    var places: String?

    @Option(name: .long, help: "With --places: the driver profiles file (kept across runs; created when missing).")
    var profile: String?

    @Option(name: .long, help: "With --places: the car's local time, e.g. 'Fri 19:30' (default: the system clock).")
    var now: String?

    @OptionGroup var daemon: DaemonOptions

    @Option(name: .long, help: "en-US, en-GB, de-DE or zh-CN.")
    var locale: String = "en-US"

    @Flag(name: .long, help: "One JSON object per utterance: text, intent, locale, values.")
    var json = false

    @Argument(help: "What the driver said; each argument is one turn of the conversation.")
    var utterances: [String]

    func run() async throws {
        let genius = try GeniusLocale.parsingOption(locale)
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
        let engine = CarGeniusEngine()
        var session = Session()
        var out = ""
        for utterance in utterances {
            let answer = engine.ask(utterance, locale: genius, session: &session, signals: snapshot)
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
