using System.Collections.Immutable;
using k8s.Models;
using Smi.Core.Cluster;

namespace Smi.Manifests;

/// <summary>
/// Plays the part of the workload controllers and the scheduler for a folder of manifests: every
/// Deployment, StatefulSet and (unowned) ReplicaSet becomes <c>replicas</c> pods named
/// <c>&lt;workload&gt;-&lt;ordinal&gt;</c>, a DaemonSet one pod (one node), a Pod itself. Each pod gets
/// a loopback address from the allocator (kept while it lives) and runs a proxy unless its
/// namespace or template opts out. A pod equal to its previous simulation is returned as the same
/// instance, so the incremental compiler sees it unchanged.
/// </summary>
internal sealed class WorkloadSimulator(AddressAllocator addresses)
{
    private Dictionary<string, SimulatedPod> _previous = new(StringComparer.Ordinal);

    public IReadOnlyList<SimulatedPod> Simulate(IEnumerable<object> workloads, Func<string, NamespaceInfo?> namespaceOf, MeshOptions mesh)
    {
        var pods = new SortedDictionary<string, (PodInfo Pod, ImmutableDictionary<string, string> Annotations, V1PodSpec? Spec)>(StringComparer.Ordinal);
        foreach (var workload in workloads)
        {
            foreach (var (metadata, spec, kind, owner) in Expand(workload))
            {
                var ns = KubernetesMapper.NamespaceOf(metadata);
                var optedOut = IsDisabled(metadata.Labels) || IsDisabled(metadata.Annotations);
                var hasProxy = MeshConventions.IsMeshed(namespaceOf(ns), mesh) && !optedOut;
                var pod = KubernetesMapper.Pod(metadata, spec, hasProxy) with { Workload = new WorkloadRef(kind, owner), Ready = true };
                var annotations = metadata.Annotations is null ? ImmutableDictionary<string, string>.Empty : metadata.Annotations.ToImmutableDictionary(StringComparer.Ordinal);
                pods.TryAdd($"{pod.Namespace}/{pod.Name}", (pod, annotations, spec));
            }
        }

        addresses.Retain(pods.Keys.ToHashSet(StringComparer.Ordinal));
        var next = new Dictionary<string, SimulatedPod>(StringComparer.Ordinal);
        foreach (var (key, (pod, annotations, spec)) in pods)
        {
            var simulated = new SimulatedPod(pod with { Ip = addresses.AddressOf(key) }, annotations) { Spec = spec };
            next[key] = _previous.TryGetValue(key, out var previous) && previous.SameAs(simulated) ? previous : simulated;
        }

        _previous = next;
        return [.. next.Values];
    }

    private static bool IsDisabled(IDictionary<string, string>? values) =>
        values is not null && values.TryGetValue(MeshConventions.InjectKey, out var value) && value == "disabled";

    private static IEnumerable<(V1ObjectMeta Metadata, V1PodSpec? Spec, string Kind, string Owner)> Expand(object workload)
    {
        switch (workload)
        {
            case V1Pod pod:
                yield return (pod.Metadata, pod.Spec, "Pod", pod.Metadata.Name);
                break;
            case V1Deployment deployment:
                foreach (var pod in Replicas(deployment.Metadata, deployment.Spec?.Template, deployment.Spec?.Replicas ?? 1))
                {
                    yield return (pod.Metadata, pod.Spec, "Deployment", deployment.Metadata.Name);
                }

                break;
            case V1StatefulSet statefulSet:
                foreach (var pod in Replicas(statefulSet.Metadata, statefulSet.Spec?.Template, statefulSet.Spec?.Replicas ?? 1))
                {
                    yield return (pod.Metadata, pod.Spec, "StatefulSet", statefulSet.Metadata.Name);
                }

                break;
            case V1ReplicaSet replicaSet when replicaSet.Metadata.OwnerReferences is not { Count: > 0 }:
                foreach (var pod in Replicas(replicaSet.Metadata, replicaSet.Spec?.Template, replicaSet.Spec?.Replicas ?? 1))
                {
                    yield return (pod.Metadata, pod.Spec, "ReplicaSet", replicaSet.Metadata.Name);
                }

                break;
            case V1DaemonSet daemonSet:
                foreach (var pod in Replicas(daemonSet.Metadata, daemonSet.Spec?.Template, 1))
                {
                    yield return (pod.Metadata, pod.Spec, "DaemonSet", daemonSet.Metadata.Name);
                }

                break;
        }
    }

    private static IEnumerable<(V1ObjectMeta Metadata, V1PodSpec? Spec)> Replicas(V1ObjectMeta owner, V1PodTemplateSpec? template, int replicas)
    {
        for (var i = 0; i < replicas; i++)
        {
            var metadata = new V1ObjectMeta
            {
                Name = $"{owner.Name}-{i}",
                NamespaceProperty = KubernetesMapper.NamespaceOf(owner),
                Labels = template?.Metadata?.Labels,
                Annotations = template?.Metadata?.Annotations,
            };
            yield return (metadata, template?.Spec);
        }
    }
}
