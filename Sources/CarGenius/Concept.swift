/// A unit of meaning the lexicons map words to; intents are defined over concepts, so one intent
/// serves every language and every paraphrase the lexicons know.
public enum Concept: String, Sendable, CaseIterable {
    // Topics
    case range, howFar, drive, reach, enough
    case battery, soc, charging, plug, full, limit, fuel
    case tyre, pressure, temperature, outside, cabin, hot, cold
    case door, window, trunk, frunk, hood, lock, unlock, sunroof
    case light, lowBeam, highBeam, fogLight, hazard, parkingLight, drl
    case speed, odometer, trip, service, warning, problem, checkEngine, faultCode, explain
    case lowVoltage, parkingBrake, gear, seatbelt, washer, moving
    /// Whether the car is on: ignition, ready to drive ("is the car on", "ist die Zündung an", "上电了吗").
    case ignition
    case help, open, closed, on, off, low, time, anything, status, car
    /// Going down over time ("losing", "dropping", "verliert", "在掉"): asks for a trend from history.
    case falling
    /// "Why" asked of a state ("why is a light on", "warum leuchtet", "为什么亮"): a warning lamp's reason.
    case why
    /// A warning lamp named by its symbol or name together with a lamp cue; which lamps is in `Analysis.lamps`.
    case lampShape
    /// What to do about it, whether it is safe or serious ("so what now", "kann ich weiterfahren", "严重吗").
    case advice
    /// "The one on the other side", "die andere Seite", "另一边": the mirror of the last position.
    case otherSide
    /// "Diagonally across", "schräg gegenüber", "斜对角": the other row and the other side of the last position.
    case diagonal
    /// "In total", "insgesamt", "一共": the whole life of the car, not this trip or the range.
    case total
    /// "Which one is lowest", "am wärmsten", "最高": the extreme of several values (which wheel), not all of them.
    case highest, lowest
    /// The car made a sound ("it just dinged", "das Auto hat gepiept", "叮了一声"): a warning question, unless a part is
    /// named ("warum piept der Gurt" is about the belts).
    case chime
    // Positions
    case front, rear, left, right, driverSide, passengerSide, middle, all
    /// "Next to me", "neben mir", "我旁边": the driver's own window or door, but the front passenger's seat.
    case besideMe
    // Quantities
    case unitKm, unitMile, unitMetre, percent, distanceGiven, numberGiven, codeGiven
    /// A pressure unit the driver names ("in bar", "psi").
    case unitPsi, unitBar
    /// A temperature unit the driver names ("in celsius", "in Fahrenheit", "华氏").
    case unitCelsius, unitFahrenheit
    /// Minutes asked for ("how many minutes is that", "in Minuten", "合多少分钟"): a duration in minutes alone.
    case unitMinute
    // Dialogue and scope
    case followUp, question, commandVerb, foreign, weatherTime, phone, home, politeness
}
