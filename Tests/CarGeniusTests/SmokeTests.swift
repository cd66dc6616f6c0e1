import Testing
@testable import CarGenius

@Test func engineAnswersRange() {
    var session = Session()
    var snapshot = SnapshotSignals()
    snapshot.set("Vehicle.Powertrain.Range", .number(320_000))
    let answer = CarGeniusEngine().ask("how far can i go", locale: .deDE, session: &session, signals: snapshot)
    #expect(answer.text.contains("320 km"))
}
