import ArgumentParser
import Assistant
import CarGenius
import Speech
import TravelCompanion

/// `geniusctl ask --places FILE`: the router with Travel Companion, offline from a snapshot.
extension AskCommand {
    func askWithPlaces(_ path: String, locale: GeniusLocale, snapshot: SnapshotSignals) throws {
        let store: PlaceStore
        let profiles: ProfileStore?
        do {
            let places = try PlaceImport.load(path: path)
            for warning in PlaceImport.warnings(places, source: path) { standardError("geniusctl ask: warning: \(warning)") }
            store = PlaceStore(places: places)
            profiles = try profile.map { path throws(TravelError) in try ProfileStore(path: path) }
        } catch {
            standardError("geniusctl ask: \(error)")
            throw ExitCode(65)  // EX_DATAERR
        }
        let clock: LocalTime
        if let now {
            guard let parsed = LocalTime(parsing: now) else {
                throw ValidationError("--now \(now): expected a time such as 'Fri 19:30' or '2026-11-27T19:30'")
            }
            clock = parsed
        } else {
            clock = LocalTime.current()
        }
        let assistant = Assistant(travel: TravelService(store: store, profiles: profiles, clock: { clock }))
        let llm = try llmOptions.settings().map { try $0.assistant(assistant) }
        var session = AssistantSession()
        var out = ""
        for utterance in utterances {
            let reply =
                llm?.ask(utterance, locale: locale, session: &session, signals: snapshot)
                ?? assistant.ask(utterance, locale: locale, session: &session, signals: snapshot)
            if let failure = reply.profileError { standardError("geniusctl ask: \(failure)") }
            if let problem = reply.llmProblem { standardError("geniusctl ask: llm: \(problem)") }
            out += (json ? reply.jsonLine : reply.text) + "\n"
        }
        standardOutput(out)
    }
}
