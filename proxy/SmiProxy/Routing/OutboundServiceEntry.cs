using System.Collections.Frozen;

namespace SmiProxy.Routing;

/// <summary>A reachable Service and its ports.</summary>
internal sealed class OutboundServiceEntry
{
    public OutboundServiceEntry(string name, string ns, FrozenDictionary<int, OutboundPortEntry> ports)
    {
        Name = name;
        Namespace = ns;
        Key = $"{name}.{ns}";
        Ports = ports;
        PortList = string.Join(", ", ports.Keys.Order());
    }

    public string Name { get; }

    public string Namespace { get; }

    /// <summary>"name.namespace".</summary>
    public string Key { get; }

    public FrozenDictionary<int, OutboundPortEntry> Ports { get; }

    /// <summary>The ports, for error messages.</summary>
    public string PortList { get; }
}
