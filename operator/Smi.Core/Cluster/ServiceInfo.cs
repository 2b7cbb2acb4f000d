using System.Collections.Immutable;
using Smi.ProxyConfig;

namespace Smi.Core.Cluster;

/// <summary>A Service.</summary>
public sealed record ServiceInfo
{
    /// <summary>Namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>Name.</summary>
    public required string Name { get; init; }

    /// <summary>Pod selector; null for a Service without selector (endpoints managed by hand).</summary>
    public ImmutableDictionary<string, string>? Selector { get; init; }

    /// <summary>ClusterIP, if any (null or "None" for headless).</summary>
    public string? ClusterIp { get; init; }

    /// <summary>Every ClusterIP of a dual-stack Service (<c>spec.clusterIPs</c>), <see cref="ClusterIp"/> first; empty when only that one.</summary>
    public ImmutableArray<string> ClusterIps { get; init; } = [];

    /// <summary>Ports.</summary>
    public ImmutableArray<ServicePortInfo> Ports { get; init; } = [];

    /// <summary>The Service's key, as configs and indexes name it.</summary>
    public ServiceKey Key => new(Namespace, Name);

    /// <summary>"namespace/name": the Service as a Kubernetes object, the form diagnostics use.</summary>
    public string ObjectName => $"{Namespace}/{Name}";
}
