using System.Collections.Immutable;

namespace Smi.Core.Cluster;

/// <summary>An EndpointSlice (discovery.k8s.io/v1) of a Service.</summary>
public sealed record EndpointSliceInfo
{
    /// <summary>Namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>Slice name.</summary>
    public required string Name { get; init; }

    /// <summary>The Service it belongs to (label <c>kubernetes.io/service-name</c>).</summary>
    public required string ServiceName { get; init; }

    /// <summary>Ports: the Service port name and the resolved container port number.</summary>
    public ImmutableArray<EndpointPortInfo> Ports { get; init; } = [];

    /// <summary>Endpoints.</summary>
    public ImmutableArray<EndpointInfo> Endpoints { get; init; } = [];
}
