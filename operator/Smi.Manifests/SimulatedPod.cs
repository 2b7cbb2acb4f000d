using System.Collections.Immutable;
using k8s;
using k8s.Models;
using Smi.Core.Cluster;

namespace Smi.Manifests;

/// <summary>A pod of the local mesh, the annotations of its template and its template's spec (the sandbox runs them).</summary>
internal sealed record SimulatedPod(PodInfo Pod, ImmutableDictionary<string, string> Annotations)
{
    private string? _specJson;

    /// <summary>The pod template's spec (containers, commands, probes), as the manifest gives it.</summary>
    public V1PodSpec? Spec { get; init; }

    /// <summary>The spec in canonical JSON, to compare templates by content.</summary>
    public string SpecJson => _specJson ??= Spec is null ? string.Empty : KubernetesJson.Serialize(Spec);

    public string Key => $"{Pod.Namespace}/{Pod.Name}";

    /// <summary>Same content (the records hold collections, which compare by reference).</summary>
    public bool SameAs(SimulatedPod other) =>
        Pod.Namespace == other.Pod.Namespace && Pod.Name == other.Pod.Name && Pod.ServiceAccount == other.Pod.ServiceAccount
        && Pod.Ip == other.Pod.Ip && Pod.Ready == other.Pod.Ready && Pod.HasProxy == other.Pod.HasProxy && Pod.InboundPort == other.Pod.InboundPort
        && Pod.Workload == other.Pod.Workload
        && SameDictionary(Pod.Labels, other.Pod.Labels) && SameDictionary(Annotations, other.Annotations)
        && Pod.ContainerPorts.SequenceEqual(other.Pod.ContainerPorts)
        && SpecJson == other.SpecJson;

    private static bool SameDictionary(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
