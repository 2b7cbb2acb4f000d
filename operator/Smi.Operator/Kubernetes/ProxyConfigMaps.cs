using System.Text;
using k8s.Models;
using Smi.ProxyConfig;

namespace Smi.Operator.Kubernetes;

/// <summary>
/// The ConfigMap carrying one identity's proxy configuration: its name, labels and payload. This
/// is part of the contract with the injector (which mounts it by name) and with users
/// (<c>kubectl get cm -l smi-operator.io/proxy-config</c>).
/// </summary>
internal static class ProxyConfigMaps
{
    public const string ProxyConfigLabel = "smi-operator.io/proxy-config";
    public const string RevisionAnnotation = "smi-operator.io/revision";

    /// <summary>Above this size the document is stored gzipped in <c>binaryData</c>.</summary>
    public const int GzipThreshold = 256 * 1024;

    /// <summary>What a ConfigMap can hold (1 MiB), less room for metadata.</summary>
    public const int MaxPayload = 1024 * 1024 - 16 * 1024;

    private const string Prefix = "smi-proxy-";

    /// <summary><c>smi-proxy-&lt;serviceaccount&gt;</c>, shortened with a hash when it would exceed 253 characters.</summary>
    public static string NameFor(string serviceAccount) => KubernetesNames.Name(Prefix + serviceAccount, serviceAccount);

    /// <summary>The Secret holding an identity's mTLS certificate: <c>smi-proxy-&lt;serviceaccount&gt;-tls</c>.</summary>
    public static string SecretNameFor(string serviceAccount) => KubernetesNames.WithSuffix(NameFor(serviceAccount), "-tls", serviceAccount);

    /// <summary>The metadata of the identity's ConfigMap at <paramref name="revision"/> (cheap: the planner compares it without serializing the config).</summary>
    public static V1ObjectMeta Metadata(ProxyIdentity identity, string revision, V1ServiceAccount? owner) => OwnedObjects.Metadata(
        NameFor(identity.ServiceAccount),
        identity,
        owner,
        [new(ProxyConfigLabel, "true")],
        new Dictionary<string, string> { [RevisionAnnotation] = revision });

    /// <summary>Builds the desired ConfigMap, or returns the reason it cannot be stored.</summary>
    public static V1ConfigMap? Build(MeshProxyConfig config, V1ServiceAccount? owner, out string? tooLarge)
    {
        tooLarge = null;
        var json = ProxyConfigSerializer.Serialize(config);
        var configMap = new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = Metadata(config.Identity, config.Revision, owner),
        };

        if (json.Length <= GzipThreshold)
        {
            configMap.Data = new Dictionary<string, string> { [ProxyConfigSerializer.FileName] = Encoding.UTF8.GetString(json) };
            return configMap;
        }

        var gzip = ProxyConfigSerializer.Gzip(json);
        if (gzip.Length > MaxPayload)
        {
            tooLarge = $"the proxy configuration of {config.Identity} is {json.Length} bytes ({gzip.Length} gzipped), over the {MaxPayload} bytes a ConfigMap can hold; the previous configuration keeps serving. Reduce what this identity can reach (TrafficTargets) or split its workloads across ServiceAccounts.";
            return null;
        }

        configMap.BinaryData = new Dictionary<string, byte[]> { [ProxyConfigSerializer.GzipFileName] = gzip };
        return configMap;
    }

    public static string? RevisionOf(V1ConfigMap configMap) =>
        configMap.Metadata.Annotations?.TryGetValue(RevisionAnnotation, out var revision) == true ? revision : null;
}
