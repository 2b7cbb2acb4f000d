using System.Collections.Frozen;
using Smi.ProxyConfig;

namespace SmiProxy.Routing;

/// <summary>A reachable Service and its ports.</summary>
internal sealed class OutboundServiceEntry
{
    public OutboundServiceEntry(ServiceKey service, FrozenDictionary<int, OutboundPortEntry> ports)
    {
        Service = service;
        Key = service.ToString();
        Ports = ports;
        PortList = string.Join(", ", ports.Keys.Order());
    }

    public ServiceKey Service { get; }

    /// <summary>The <see cref="Service"/>'s text, made once: it goes into headers, labels and messages.</summary>
    public string Key { get; }

    public FrozenDictionary<int, OutboundPortEntry> Ports { get; }

    /// <summary>The ports, for error messages.</summary>
    public string PortList { get; }
}
