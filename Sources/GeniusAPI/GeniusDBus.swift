public import JSON
public import Varlink

/// The D-Bus face of the `io.cargenius.*` interfaces: its names, and which Varlink method each D-Bus member is.
///
/// The D-Bus surface is derived from the Varlink service, never written by hand: every method of every
/// `io.cargenius.*` interface the service registers is a D-Bus method of the same name on an interface of the
/// same name, taking the Varlink parameters as one `a{sv}` and returning the Varlink reply as one `a{sv}`.
/// A Varlink method that streams (`more`) returns its first reply, and each later reply arrives as the
/// signal `streamSignals` names, sent to the caller alone until it leaves the bus. Varlink errors are D-Bus
/// errors of the same name. The DBusAPI module carries this on the bus with sd-bus.
public enum GeniusDBus {
    /// The well-known name geniusd owns on the bus (a contract).
    public static let busName = "io.cargenius.Genius1"
    /// The one object geniusd serves (a contract).
    public static let objectPath = "/io/cargenius/Genius1"

    /// The signal carrying the later replies of each streaming method, by the method's full Varlink name.
    public static let streamSignals: [String: String] = [
        "io.cargenius.Vehicle.Subscribe": "SignalsChanged",
        "io.cargenius.Vehicle.Alerts": "Alerts",
    ]

    /// The signature of every method's input and output, and of every signal: the Varlink parameters by name.
    public static let parametersSignature = "a{sv}"

    /// One D-Bus member that mirrors a Varlink method.
    public struct Method: Sendable, Equatable {
        /// The D-Bus interface, which is the Varlink interface's name (`io.cargenius.Vehicle`).
        public var interface: String
        /// The method's name on both transports (`Get`).
        public var name: String
        /// The signal with the later replies when the method streams, else `nil`.
        public var signal: String?
        /// The Varlink signature, for the introspection annotation (`(paths: []string) -> (values: []Value)`).
        public var varlinkSignature: String

        /// `interface.name`, the Varlink method's full name.
        public var varlinkMethod: String { interface + "." + name }
    }

    /// The interfaces of `service` offered on D-Bus: all but `org.varlink.service` (GetInfo and
    /// GetInterfaceDescription are Varlink's own; D-Bus has introspection).
    public static func interfaceNames(of service: VarlinkService) -> [String] {
        service.interfaceNames.filter { $0 != "org.varlink.service" }
    }

    /// Every D-Bus method of `service`, sorted by interface and name.
    public static func methods(of service: VarlinkService) -> [Method] {
        interfaceNames(of: service).flatMap { name -> [Method] in
            guard let description = service.interface(named: name) else { return [] }
            return description.methods.keys.sorted().compactMap { methodName in
                guard let method = description.methods[methodName] else { return nil }
                return Method(
                    interface: name, name: methodName, signal: streamSignals[name + "." + methodName],
                    varlinkSignature: "(\(fields(method.input))) -> (\(fields(method.output)))")
            }
        }
    }

    /// The method `member` of `interface`, or `nil` when D-Bus has no such method.
    public static func method(_ interface: String, _ member: String, of service: VarlinkService) -> Method? {
        guard interface != "org.varlink.service", let description = service.interface(named: interface),
            let method = description.methods[member]
        else { return nil }
        return Method(
            interface: interface, name: member, signal: streamSignals[interface + "." + member],
            varlinkSignature: "(\(fields(method.input))) -> (\(fields(method.output)))")
    }

    /// The introspection XML of `objectPath` (`org.freedesktop.DBus.Introspectable.Introspect`), with the
    /// Varlink signature of each method and the errors of each interface as annotations.
    public static func introspection(of service: VarlinkService) -> String {
        var xml = """
            <!DOCTYPE node PUBLIC "-//freedesktop//DTD D-BUS Object Introspection 1.0//EN"
             "http://www.freedesktop.org/standards/dbus/1.0/introspect.dtd">
            <!-- \(busName) at \(objectPath): the io.cargenius Varlink interfaces on D-Bus (docs/dbus.md).
                 Each method takes the Varlink parameters as a{sv} and returns the Varlink reply as a{sv};
                 a streaming method's later replies are its signal, sent to the caller only. -->
            <node>
             <interface name="org.freedesktop.DBus.Peer">
              <method name="Ping"/>
              <method name="GetMachineId">
               <arg type="s" name="machine_uuid" direction="out"/>
              </method>
             </interface>
             <interface name="org.freedesktop.DBus.Introspectable">
              <method name="Introspect">
               <arg name="xml_data" type="s" direction="out"/>
              </method>
             </interface>

            """
        let all = methods(of: service)
        for interface in interfaceNames(of: service) {
            xml += " <interface name=\"\(interface)\">\n"
            let errors = service.interface(named: interface)?.errors.keys.sorted().map { interface + "." + $0 } ?? []
            if !errors.isEmpty {
                xml += "  <annotation name=\"io.cargenius.Errors\" value=\"\(escaped(errors.joined(separator: " ")))\"/>\n"
            }
            let members = all.filter { $0.interface == interface }
            for method in members {
                xml += "  <method name=\"\(method.name)\">\n"
                xml += "   <annotation name=\"io.cargenius.Varlink\" value=\"\(escaped(method.varlinkSignature))\"/>\n"
                xml += "   <arg name=\"parameters\" type=\"\(parametersSignature)\" direction=\"in\"/>\n"
                xml += "   <arg name=\"reply\" type=\"\(parametersSignature)\" direction=\"out\"/>\n"
                xml += "  </method>\n"
            }
            for method in members {
                guard let signal = method.signal else { continue }
                xml += "  <signal name=\"\(signal)\">\n"
                xml += "   <annotation name=\"io.cargenius.StreamOf\" value=\"\(method.name)\"/>\n"
                xml += "   <arg name=\"reply\" type=\"\(parametersSignature)\"/>\n"
                xml += "  </signal>\n"
            }
            xml += " </interface>\n"
        }
        xml += "</node>\n"
        return xml
    }

    static func fields(_ fields: [VarlinkField]) -> String {
        fields.map { "\($0.name): \(text($0.type))" }.joined(separator: ", ")
    }

    /// A Varlink type as the interface definition language writes it.
    static func text(_ type: VarlinkType) -> String {
        switch type {
        case .bool: "bool"
        case .int: "int"
        case .float: "float"
        case .string: "string"
        case .object: "object"
        case .named(let name): name
        case .structure(let members): "(\(fields(members)))"
        case .enumeration(let names): "(\(names.joined(separator: ", ")))"
        case .array(let element): "[]" + text(element)
        case .dictionary(let element): "[string]" + text(element)
        case .optional(let wrapped): "?" + text(wrapped)
        }
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
