using System.Collections.Immutable;
using Smi.Core.Cluster;

namespace Smi.Manifests;

/// <summary>A pod of the local mesh and the annotations of its template (the sandbox reads them).</summary>
internal sealed record SimulatedPod(PodInfo Pod, ImmutableDictionary<string, string> Annotations)
{
    public string Key => $"{Pod.Namespace}/{Pod.Name}";

    /// <summary>Same content (the records hold collections, which compare by reference).</summary>
    public bool SameAs(SimulatedPod other) =>
        Pod.Namespace == other.Pod.Namespace && Pod.Name == other.Pod.Name && Pod.ServiceAccount == other.Pod.ServiceAccount
        && Pod.Ip == other.Pod.Ip && Pod.Ready == other.Pod.Ready && Pod.HasProxy == other.Pod.HasProxy && Pod.InboundPort == other.Pod.InboundPort
        && Pod.Workload == other.Pod.Workload
        && SameDictionary(Pod.Labels, other.Pod.Labels) && SameDictionary(Annotations, other.Annotations)
        && Pod.ContainerPorts.SequenceEqual(other.Pod.ContainerPorts);

    private static bool SameDictionary(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
