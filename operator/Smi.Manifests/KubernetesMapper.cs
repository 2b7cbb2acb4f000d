using System.Collections.Immutable;
using System.Globalization;
using k8s.Models;
using Smi.Core.Cluster;

namespace Smi.Manifests;

/// <summary>
/// Maps Kubernetes client models to the compiler's inputs. Shared by every source (cluster
/// informers, the local folder, the sandbox) so that they all read objects the same way.
/// </summary>
internal static class KubernetesMapper
{
    /// <summary>The proxy container's name in an injected pod; its presence marks the pod as meshed.</summary>
    public const string ProxyContainerName = "smi-proxy";

    public static NamespaceInfo Namespace(V1Namespace ns) => new(ns.Metadata.Name)
    {
        Labels = Dict(ns.Metadata.Labels),
        Annotations = Dict(ns.Metadata.Annotations),
    };

    public static ServiceAccountInfo ServiceAccount(V1ServiceAccount account) =>
        new(NamespaceOf(account.Metadata), account.Metadata.Name);

    public static ServiceInfo Service(V1Service service) => new()
    {
        Namespace = NamespaceOf(service.Metadata),
        Name = service.Metadata.Name,
        Selector = service.Spec?.Selector is { Count: > 0 } selector ? Dict(selector) : null,
        ClusterIp = service.Spec?.ClusterIP,
        ClusterIps = service.Spec?.ClusterIPs is { Count: > 1 } all ? [.. all] : [],
        Ports = [.. (service.Spec?.Ports ?? []).Select(p => new ServicePortInfo(
            p.Name,
            p.Port,
            p.TargetPort?.Value,
            p.Protocol ?? "TCP",
            p.AppProtocol))],
    };

    public static EndpointSliceInfo? EndpointSlice(V1EndpointSlice slice)
    {
        if (slice.Metadata.Labels?.TryGetValue("kubernetes.io/service-name", out var service) != true || slice.AddressType is not ("IPv4" or "IPv6"))
        {
            return null;
        }

        return new EndpointSliceInfo
        {
            Namespace = NamespaceOf(slice.Metadata),
            Name = slice.Metadata.Name,
            ServiceName = service!,
            Ports = [.. (slice.Ports ?? []).Where(p => p.Port is not null).Select(p => new EndpointPortInfo(p.Name, p.Port!.Value, p.Protocol ?? "TCP"))],
            Endpoints = [.. (slice.Endpoints ?? []).Select(e => new EndpointInfo(
                [.. e.Addresses ?? []],
                e.Conditions?.Ready,
                e.TargetRef is { Kind: "Pod" } target ? target.Name : null))],
        };
    }

    /// <summary>Legacy Endpoints as one slice per subset.</summary>
    public static IEnumerable<EndpointSliceInfo> Endpoints(V1Endpoints endpoints)
    {
        var subsets = endpoints.Subsets ?? [];
        for (var i = 0; i < subsets.Count; i++)
        {
            var subset = subsets[i];
            var ready = (subset.Addresses ?? []).Select(a => new EndpointInfo([a.Ip], true, a.TargetRef?.Kind == "Pod" ? a.TargetRef.Name : null));
            var notReady = (subset.NotReadyAddresses ?? []).Select(a => new EndpointInfo([a.Ip], false, a.TargetRef?.Kind == "Pod" ? a.TargetRef.Name : null));
            yield return new EndpointSliceInfo
            {
                Namespace = NamespaceOf(endpoints.Metadata),
                Name = $"{endpoints.Metadata.Name}-subset-{i}",
                ServiceName = endpoints.Metadata.Name,
                Ports = [.. (subset.Ports ?? []).Select(p => new EndpointPortInfo(p.Name, p.Port, p.Protocol ?? "TCP"))],
                Endpoints = [.. ready.Concat(notReady)],
            };
        }
    }

    /// <summary>A pod from the API server: meshed when it runs the injected proxy container.</summary>
    public static PodInfo Pod(V1Pod pod)
    {
        var hasProxy = (pod.Spec?.InitContainers ?? []).Concat(pod.Spec?.Containers ?? []).Any(c => c.Name == ProxyContainerName);
        return Pod(pod.Metadata, pod.Spec, hasProxy) with
        {
            Ip = pod.Status?.PodIP,
            Ready = pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") ?? false,
            Workload = WorkloadOf(pod.Metadata),
        };
    }

    /// <summary>A pod from metadata and spec (also used for pods simulated from a workload template).</summary>
    public static PodInfo Pod(V1ObjectMeta metadata, V1PodSpec? spec, bool hasProxy) => new()
    {
        Namespace = NamespaceOf(metadata),
        Name = metadata.Name,
        ServiceAccount = spec?.ServiceAccountName is { Length: > 0 } sa ? sa : spec?.ServiceAccount is { Length: > 0 } legacy ? legacy : "default",
        Labels = Dict(metadata.Labels),
        HasProxy = hasProxy,
        InboundPort = metadata.Annotations?.TryGetValue(MeshConventions.InboundPortKey, out var port) == true
            && int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null,
        ContainerPorts = [.. (spec?.Containers ?? []).SelectMany(c => c.Ports ?? []).Select(p => new ContainerPortInfo(p.Name, p.ContainerPort, p.Protocol ?? "TCP"))],
    };

    /// <summary>
    /// The workload owning a pod, from its controller owner reference. A ReplicaSet owned by a
    /// Deployment is named <c>&lt;deployment&gt;-&lt;pod-template-hash&gt;</c>, so the Deployment name is
    /// the ReplicaSet name without the hash the pod carries as a label (no ReplicaSet read needed).
    /// </summary>
    public static WorkloadRef WorkloadOf(V1ObjectMeta metadata)
    {
        var owner = metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true) ?? metadata.OwnerReferences?.FirstOrDefault();
        if (owner is null)
        {
            return new WorkloadRef("Pod", metadata.Name);
        }

        if (owner.Kind == "ReplicaSet"
            && metadata.Labels?.TryGetValue("pod-template-hash", out var hash) == true
            && owner.Name.EndsWith("-" + hash, StringComparison.Ordinal))
        {
            return new WorkloadRef("Deployment", owner.Name[..^(hash.Length + 1)]);
        }

        if (owner.Kind == "Job" && metadata.Labels?.TryGetValue("batch.kubernetes.io/controller-uid", out _) == true)
        {
            return new WorkloadRef("Job", owner.Name);
        }

        return new WorkloadRef(owner.Kind, owner.Name);
    }

    public static string NamespaceOf(V1ObjectMeta metadata) => string.IsNullOrEmpty(metadata.NamespaceProperty) ? "default" : metadata.NamespaceProperty;

    private static ImmutableDictionary<string, string> Dict(IDictionary<string, string>? source) =>
        source is null ? ImmutableDictionary<string, string>.Empty : source.ToImmutableDictionary(StringComparer.Ordinal);
}
