using System.Collections.Immutable;

namespace Smi.ProxyConfig;

/// <summary>A Service reachable from this identity.</summary>
public sealed record OutboundService
{
    /// <summary>Service namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>Service name.</summary>
    public required string Name { get; init; }

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
