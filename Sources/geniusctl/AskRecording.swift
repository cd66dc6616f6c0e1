import ArgumentParser
import CarGenius
import GeniusAPI
import Speech
import VehicleSignals

extension AskCommand {
    /// `ask --vehicle MANIFEST --log LOG [--at S]`: replays the log into the daemon's store in log time and answers
    /// from the state it leaves, as `ask --state` answers from a snapshot.
    func askFromRecording(log: String, vehicle: String, locale: GeniusLocale) throws {
        let mapping: VehicleMapping
        do throws(VehicleSignalsError) {
            mapping = try VehicleDefinition.load(path: vehicle).compile()
        } catch {
            standardError("geniusctl ask: \(error)")
            throw ExitCode(error.isUnreadableFile ? 66 : 65)  // EX_NOINPUT, EX_DATAERR
        }
        let recorded: RecordedState
        do throws(VehicleSignalsError) {
            recorded = try RecordedState.load(path: log, mapping: mapping, at: at)
        } catch {
            standardError("geniusctl ask: \(error)")
            throw ExitCode(error.isUnreadableFile ? 66 : 65)
        }
        for problem in recorded.problems.prefix(10) { standardError("geniusctl ask: \(log): skipped \(problem)") }
        if recorded.problems.count > 10 { standardError("geniusctl ask: \(log): \(recorded.problems.count) malformed lines skipped in all") }
        // A log whose bus names the manifest does not accept gives no value at all: say why.
        if recorded.store.statistics.framesMapped == 0 {
            let accepted = Set(mapping.networks.map { $0.interface ?? "any interface" }).sorted().joined(separator: ", ")
            standardError(
                "geniusctl ask: \(log): no frame of the log was mapped to a VSS path; the manifest takes its networks from \(accepted), the log's frames are on \(recorded.interfaces.joined(separator: ", "))"
            )
        }
        try answerAll(locale: locale, signals: StoreSignals(store: recorded.store, now: recorded.moment))
    }
}

extension VehicleSignalsError {
    /// Whether the error is a file that could not be read at all (exit 66), rather than bad content (65).
    var isUnreadableFile: Bool {
        if case .unreadable(_, let problem) = self { return problem.hasPrefix("cannot read") }
        return false
    }
}
