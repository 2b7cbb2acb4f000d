using System.Security.Cryptography;
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
    public const string ServiceAccountLabel = "smi-operator.io/service-account";
    public const string RevisionAnnotation = "smi-operator.io/revision";

    /// <summary>Above this size the document is stored gzipped in <c>binaryData</c>.</summary>
    public const int GzipThreshold = 256 * 1024;

    /// <summary>What a ConfigMap can hold (1 MiB), less room for metadata.</summary>
    public const int MaxPayload = 1024 * 1024 - 16 * 1024;

    private const string Prefix = "smi-proxy-";

    /// <summary><c>smi-proxy-&lt;serviceaccount&gt;</c>, shortened with a hash when it would exceed 253 characters.</summary>
    public static string NameFor(string serviceAccount)
    {
        var name = Prefix + serviceAccount;
        if (name.Length <= 253)
        {
            return name;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(serviceAccount)))[..10];
        return $"{name[..(253 - 11)]}-{hash}";
    }

    /// <summary>The Secret holding an identity's mTLS certificate: <c>smi-proxy-&lt;serviceaccount&gt;-tls</c>.</summary>
    public static string SecretNameFor(string serviceAccount)
    {
        var name = NameFor(serviceAccount);
        return name.Length <= 249 ? name + "-tls" : name[..249] + "-tls";
    }

    /// <summary>Builds the desired ConfigMap, or returns the reason it cannot be stored.</summary>
    public static V1ConfigMap? Build(MeshProxyConfig config, V1ServiceAccount? owner, out string? tooLarge)
    {
        tooLarge = null;
        var json = ProxyConfigSerializer.Serialize(config);
        var configMap = new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta
            {
                Name = NameFor(config.Identity.ServiceAccount),
                NamespaceProperty = config.Identity.Namespace,
                Labels = new Dictionary<string, string>
                {
                    [ClusterState.ManagedByLabel] = ClusterState.ManagedByValue,
                    [ProxyConfigLabel] = "true",
                    [ServiceAccountLabel] = LabelValue(config.Identity.ServiceAccount),
                },
                Annotations = new Dictionary<string, string> { [RevisionAnnotation] = config.Revision },
                OwnerReferences = owner?.Metadata.Uid is { } uid
                    ? [new V1OwnerReference { ApiVersion = "v1", Kind = "ServiceAccount", Name = owner.Metadata.Name, Uid = uid }]
                    : null,
            },
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

    // Label values are at most 63 characters of [A-Za-z0-9._-].
    private static string LabelValue(string value) => value.Length <= 63 ? value : value[..63].TrimEnd('-', '.', '_');
}
