using System.Collections.Immutable;
using Smi.Api.Model;
using Smi.Core.Cluster;

namespace Smi.TrafficMetrics;

/// <summary>
/// What exists in the mesh, for the TrafficMetrics API: the pods (to scrape, and to answer for by
/// name or label), the namespaces and the TrafficSplits. In a cluster it comes from the informer
/// caches; in the sandbox from the local folder.
/// </summary>
internal sealed record MeshInventory(ImmutableArray<PodInfo> Pods, ImmutableArray<string> Namespaces, ImmutableArray<TrafficSplit> TrafficSplits)
{
    public static readonly MeshInventory Empty = new([], [], []);

    public static MeshInventory From(ClusterSnapshot snapshot) => new(
        snapshot.Pods,
        [.. snapshot.Namespaces.Select(n => n.Name).Union(snapshot.Pods.Select(p => p.Namespace)).Distinct(StringComparer.Ordinal)],
        snapshot.TrafficSplits);

    public static PodRef RefOf(PodInfo pod) => new(pod.Namespace, pod.Name, pod.Workload?.Kind ?? "Pod", pod.Workload?.Name ?? pod.Name);
}
