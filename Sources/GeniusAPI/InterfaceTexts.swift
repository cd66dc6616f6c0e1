// The .varlink interface files of varlink/, embedded so that an installed geniusd serves them without
// the repository. A test (InterfaceTextsTests) fails when one differs from its file;
// after editing a file, paste its text here (indented by 8 spaces, blank lines left empty).

/// The interface descriptions geniusd serves, verbatim from `varlink/*.varlink`.
public enum InterfaceTexts {
    /// `varlink/io.cargenius.Vehicle.varlink`.
    public static let vehicle = #"""
        # The vehicle's signals as COVESA VSS paths, each with its latest value, age and status.
        interface io.cargenius.Vehicle

        # One signal's latest state.
        type Value (
          # The VSS path, e.g. Vehicle.Speed.
          path: string,
          # available, stale, unavailable (known but never received or invalid), unknown (not a signal of
          # this vehicle), or another state the daemon documents.
          status: string,
          # The value as JSON: a number, a bool or a string, whatever the VSS datatype is; absent when there is none.
          value: ?object,
          # The VSS unit, e.g. km/h, celsius, percent.
          unit: ?string,
          # Seconds since the value was received.
          age: ?float
        )

        # A signal this vehicle provides.
        type Signal (
          path: string,
          # The VSS datatype: boolean, uint8, int32, float, string, ...
          datatype: string,
          unit: ?string,
          description: ?string
        )

        # The signals of one VSS branch, e.g. Vehicle.Cabin.Door.
        type Branch (
          name: string,
          signals: []Signal
        )

        # A warning raised from the signals (a telltale, a fault, a low level).
        type Alert (
          # A stable identifier of the kind of alert, e.g. tire-pressure-low.
          id: string,
          # info, warning or critical.
          severity: string,
          # The text to show or speak.
          text: string,
          # The signal behind it, when there is one.
          path: ?string,
          # false when this reply reports that the alert has cleared.
          active: bool,
          # Seconds since the alert was raised.
          age: ?float
        )

        # The latest values of the given paths, in the same order. Unknown paths are answered with status
        # "unknown" rather than an error; more paths than the vehicle has signals is TooManyPaths.
        method Get(paths: []string) -> (values: []Value)

        # What this vehicle provides, by branch; `branch` limits the answer to one subtree.
        method List(branch: ?string) -> (branches: []Branch)

        # Call with more: the current values first, then the values that changed, at most once per path per
        # `interval` seconds (default 0.1, at most 86400; a longer one is org.varlink.service.InvalidParameter).
        method Subscribe(paths: []string, interval: ?float) -> (values: []Value)

        # Call with more: the active alerts first, then each alert as it is raised or cleared.
        method Alerts() -> (alerts: []Alert)

        # The branch is not a VSS branch of this vehicle.
        error UnknownBranch (branch: string)

        # The interval is negative or not a number.
        error InvalidInterval (interval: float)

        # A Get or Subscribe named more paths than the vehicle has signals.
        error TooManyPaths (given: int, maximum: int)

        """#

    /// `varlink/io.cargenius.Assistant.varlink`.
    public static let assistant = #"""
        # The driver's questions, answered by the on-device agents (Car Genius for the car's status, Travel
        # Companion for places and trips), grounded in the vehicle's signals.
        interface io.cargenius.Assistant

        # One signal behind an answer; the same shape as io.cargenius.Vehicle's Value.
        type Value (
          # The VSS path, e.g. Vehicle.Powertrain.Range.
          path: string,
          # available, stale, unavailable, unknown, ...
          status: string,
          value: ?object,
          unit: ?string,
          # Seconds since the value was received.
          age: ?float
        )

        # A place Travel Companion suggests, with why it was chosen.
        type Place (
          # The place's id in the places store (io.cargenius.Travel.Feedback takes it).
          id: string,
          # In the answer's language where the store has it.
          name: string,
          # restaurant, cafe, parking, charging, fuel, ...
          category: string,
          # Each reason in the answer's language ("4.6 stars (412 ratings)", "12 minutes with current traffic").
          reasons: []string,
          # Road distance in metres.
          distance_m: ?float,
          # Travel time with traffic, in minutes.
          minutes: ?float,
          # 0 to 5.
          rating: ?float,
          address: ?string
        )

        # Answers a question. `locale` is a BCP 47 tag (en-US, de-DE, zh-CN; default: the daemon's);
        # `session` is any string the caller picks to keep a dialogue's context across questions.
        # Returns the text to speak, the agent that answered (car-genius, travel-companion), the intent it
        # understood, the signal values the answer rests on, and for Travel Companion the places it suggests.
        method Ask(text: string, locale: ?string, session: ?string) -> (
          text: string,
          agent: string,
          intent: string,
          values: []Value,
          # Travel Companion's suggestions, best first, for the screen (absent for Car Genius's answers).
          places: ?[]Place,
          # Who produced the text when geniusd has an LLM configured: engine, llm or llm-rejected (absent without one).
          source: ?string
        )

        # The question is empty or only whitespace.
        error EmptyText ()

        # No agent speaks this locale.
        error UnsupportedLocale (locale: string)

        """#

    /// `varlink/io.cargenius.Bus.varlink`.
    public static let bus = #"""
        # The state of the vehicle buses the daemon reads.
        interface io.cargenius.Bus

        # One frame source: a SocketCAN interface, a replayed log or the simulator.
        type Interface (
          # can0, vcan0, replay, simulator.
          name: string,
          # socketcan, replay or simulator.
          kind: string,
          # up, down, error-active, error-warning, error-passive, bus-off, virtual, stopped.
          state: string,
          # Nominal bit rate in bit/s, when the kernel reports one.
          bitrate: ?int,
          # Frames received per second, over the last few seconds.
          framesPerSecond: float,
          # Frames received since the daemon started.
          frames: int,
          # Frames the kernel dropped (receive queue overflow) since the daemon started.
          drops: int,
          # The controller's receive and transmit error counters, when the kernel reports them.
          rxErrors: ?int,
          txErrors: ?int,
          # How often the controller went bus-off since the daemon started.
          busOffCount: ?int
        )

        # The daemon's API server: connections served now, and connections refused or cut off since start, by
        # reason (permission, credentials, connections, connectionsPerUser, idle, halfMessage, slowReader, evicted).
        type Server (
          connections: int,
          refused: [string]int
        )

        # Every configured frame source and its state; `server`: the API server's figures.
        method Status() -> (interfaces: []Interface, server: ?Server)

        # The API server refused the connection at once (`limit`: connections or connectionsPerUser, with its
        # maximum); the connection is then closed.
        error LimitReached (limit: string, maximum: int)

        """#
}
