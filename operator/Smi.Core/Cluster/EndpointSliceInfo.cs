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

/// <summary>A slice port.</summary>
/// <param name="Name">Service port name it serves (empty for an unnamed port).</param>
/// <param name="Port">Container port number.</param>
/// <param name="Protocol">TCP, UDP or SCTP.</param>
public sealed record EndpointPortInfo(string? Name, int Port, string Protocol = "TCP");

/// <summary>An endpoint of a slice.</summary>
/// <param name="Addresses">Addresses (normally one).</param>
/// <param name="Ready">Readiness condition; null means ready, as Kubernetes defines it.</param>
/// <param name="PodName">The pod behind it (targetRef), if any.</param>
public sealed record EndpointInfo(ImmutableArray<string> Addresses, bool? Ready, string? PodName);
