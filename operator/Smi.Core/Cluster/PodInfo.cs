using System.Collections.Immutable;

namespace Smi.Core.Cluster;

/// <summary>A pod, as far as the mesh cares.</summary>
public sealed record PodInfo
{
    /// <summary>Namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>Name.</summary>
    public required string Name { get; init; }

    /// <summary>ServiceAccount (<c>default</c> when the pod names none).</summary>
    public string ServiceAccount { get; init; } = "default";

    /// <summary>Pod IP, once assigned.</summary>
    public string? Ip { get; init; }

    /// <summary>Labels.</summary>
    public ImmutableDictionary<string, string> Labels { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Ready condition.</summary>
    public bool Ready { get; init; } = true;

    /// <summary>Whether the pod runs a proxy sidecar (injected in a cluster; decided by namespace and opt-out in local mode).</summary>
    public bool HasProxy { get; init; }

    /// <summary>Its proxy's inbound port, when it differs from the mesh default.</summary>
    public int? InboundPort { get; init; }

    /// <summary>Container ports (to resolve named target ports).</summary>
    public ImmutableArray<ContainerPortInfo> ContainerPorts { get; init; } = [];

    /// <summary>The workload owning the pod (e.g. Deployment web-v1), for telemetry.</summary>
    public WorkloadRef? Workload { get; init; }
}
