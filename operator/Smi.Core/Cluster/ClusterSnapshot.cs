using System.Collections.Immutable;
using Smi.Api.Model;

namespace Smi.Core.Cluster;

/// <summary>
/// Everything the compiler reads: an immutable snapshot of the cluster (or of a folder of manifests
/// in local mode). The order of the arrays does not matter: the compiler's output is the same for
/// any order.
/// </summary>
public sealed record ClusterSnapshot
{
    /// <summary>Mesh-wide settings.</summary>
    public MeshOptions Mesh { get; init; } = new();

    /// <summary>Namespaces (labels and annotations decide mesh membership and permissive mode).</summary>
    public ImmutableArray<NamespaceInfo> Namespaces { get; init; } = [];

    /// <summary>Services.</summary>
    public ImmutableArray<ServiceInfo> Services { get; init; } = [];

    /// <summary>EndpointSlices (legacy Endpoints are converted to slices by the adapters).</summary>
    public ImmutableArray<EndpointSliceInfo> EndpointSlices { get; init; } = [];

    /// <summary>Pods.</summary>
    public ImmutableArray<PodInfo> Pods { get; init; } = [];

    /// <summary>ServiceAccounts; identities exist for these (in meshed namespaces) even before their pods do.</summary>
    public ImmutableArray<ServiceAccountInfo> ServiceAccounts { get; init; } = [];

    /// <summary>TrafficSplits, any version, in hub form.</summary>
    public ImmutableArray<TrafficSplit> TrafficSplits { get; init; } = [];

    /// <summary>TrafficTargets, any version, in hub form.</summary>
    public ImmutableArray<TrafficTarget> TrafficTargets { get; init; } = [];

    /// <summary>HTTPRouteGroups, any version, in hub form.</summary>
    public ImmutableArray<HttpRouteGroup> HttpRouteGroups { get; init; } = [];

    /// <summary>TCPRoutes and UDPRoutes.</summary>
    public ImmutableArray<L4Route> L4Routes { get; init; } = [];

    /// <summary>TrafficPolicies (policy.smi-operator.io, our own extension), in hub form.</summary>
    public ImmutableArray<TrafficPolicy> TrafficPolicies { get; init; } = [];
}
