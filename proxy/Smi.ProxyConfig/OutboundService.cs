using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Smi.ProxyConfig;

/// <summary>A Service reachable from this identity.</summary>
public sealed record OutboundService
{
    /// <summary>Service namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>Service name.</summary>
    public required string Name { get; init; }

    /// <summary>The Service as a key (not written: it is <see cref="Namespace"/> and <see cref="Name"/>).</summary>
    [JsonIgnore]
    public ServiceKey Key => new(Namespace, Name);

    /// <summary>ClusterIP, when known, so that transparent (iptables) mode can match by address.</summary>
    public string? ClusterIp { get; init; }

    /// <summary>
    /// Every ClusterIP of a dual-stack Service (<c>spec.clusterIPs</c>, <see cref="ClusterIp"/>
    /// first). Written only when there is more than the one in <see cref="ClusterIp"/>.
    /// </summary>
    public ImmutableArray<string> ClusterIps { get; init; } = [];

    /// <summary>Ports, sorted by number.</summary>
    public ImmutableArray<OutboundPort> Ports { get; init; } = [];
}
