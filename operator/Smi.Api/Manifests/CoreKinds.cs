using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Smi.Api.Manifests;

/// <summary>
/// The core Kubernetes kinds the mesh reads from manifests (local mode, sandbox): identities,
/// services, endpoints and the workloads that own pods. Read with KubernetesClient's models and
/// serializer, exactly as they come from the API server.
/// </summary>
public static class CoreKinds
{
    private static readonly Dictionary<(string ApiVersion, string Kind), (Func<JsonNode, IKubernetesObject<V1ObjectMeta>> Read, bool Namespaced)> Readers = new()
    {
        [("v1", "Namespace")] = (n => KubernetesJson.Deserialize<V1Namespace>(n), false),
        [("v1", "Service")] = (n => KubernetesJson.Deserialize<V1Service>(n), true),
        [("v1", "Endpoints")] = (n => KubernetesJson.Deserialize<V1Endpoints>(n), true),
        [("discovery.k8s.io/v1", "EndpointSlice")] = (n => KubernetesJson.Deserialize<V1EndpointSlice>(n), true),
        [("v1", "Pod")] = (n => KubernetesJson.Deserialize<V1Pod>(n), true),
        [("v1", "ServiceAccount")] = (n => KubernetesJson.Deserialize<V1ServiceAccount>(n), true),
        [("apps/v1", "Deployment")] = (n => KubernetesJson.Deserialize<V1Deployment>(n), true),
        [("apps/v1", "ReplicaSet")] = (n => KubernetesJson.Deserialize<V1ReplicaSet>(n), true),
        [("apps/v1", "StatefulSet")] = (n => KubernetesJson.Deserialize<V1StatefulSet>(n), true),
        [("apps/v1", "DaemonSet")] = (n => KubernetesJson.Deserialize<V1DaemonSet>(n), true),
    };

    /// <summary>True when the mesh reads this apiVersion and kind.</summary>
    public static bool IsSupported(string apiVersion, string kind) => Readers.ContainsKey((apiVersion, kind));

    /// <summary>True unless the kind is cluster-scoped (Namespace).</summary>
    public static bool IsNamespaced(string apiVersion, string kind) => !Readers.TryGetValue((apiVersion, kind), out var reader) || reader.Namespaced;

    /// <summary>Reads a supported kind; throws System.Text.Json's exceptions for JSON that does not fit.</summary>
    internal static IKubernetesObject<V1ObjectMeta> Read(string apiVersion, string kind, JsonNode node) => Readers[(apiVersion, kind)].Read(node);
}
