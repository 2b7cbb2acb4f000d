using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Smi.TrafficMetrics.Api;

/// <summary>
/// Who may call an aggregated API: the API server's front proxy, which presents a client
/// certificate signed by <c>requestheader-client-ca-file</c> and, when
/// <c>requestheader-allowed-names</c> is not empty, with one of those common names — both published
/// by the API server in ConfigMap <c>kube-system/extension-apiserver-authentication</c>. The API
/// server has already authenticated and authorized the user before it proxies the request.
/// </summary>
internal sealed class FrontProxyTrust
{
    public const string ConfigMapNamespace = "kube-system";
    public const string ConfigMapName = "extension-apiserver-authentication";
    private const string CaKey = "requestheader-client-ca-file";
    private const string AllowedNamesKey = "requestheader-allowed-names";
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    private readonly X509Certificate2Collection _roots;
    private readonly IReadOnlyList<string> _allowedNames;

    public FrontProxyTrust(X509Certificate2Collection roots, IReadOnlyList<string> allowedNames)
    {
        _roots = roots;
        _allowedNames = allowedNames;
    }

    /// <summary>Reads the ConfigMap's data; null with the reason when it has no usable client CA.</summary>
    public static FrontProxyTrust? FromConfigMap(IDictionary<string, string>? data, out string? problem)
    {
        problem = null;
        if (data is null || !data.TryGetValue(CaKey, out var pem) || string.IsNullOrWhiteSpace(pem))
        {
            problem = $"ConfigMap {ConfigMapNamespace}/{ConfigMapName} has no {CaKey}: the API server was started without --requestheader-client-ca-file, so no aggregated API can authenticate it";
            return null;
        }

        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPem(pem);
        }
        catch (CryptographicException ex)
        {
            problem = $"{CaKey} in {ConfigMapNamespace}/{ConfigMapName} is not PEM certificates: {ex.Message}";
            return null;
        }

        if (roots.Count == 0)
        {
            problem = $"{CaKey} in {ConfigMapNamespace}/{ConfigMapName} holds no certificate";
            return null;
        }

        IReadOnlyList<string> names = [];
        if (data.TryGetValue(AllowedNamesKey, out var json) && !string.IsNullOrWhiteSpace(json))
        {
            try
            {
                names = JsonSerializer.Deserialize<List<string>>(json) ?? [];
            }
            catch (JsonException ex)
            {
                problem = $"{AllowedNamesKey} in {ConfigMapNamespace}/{ConfigMapName} is not a JSON list of names: {ex.Message}";
                return null;
            }
        }

        return new FrontProxyTrust(roots, names);
    }

    /// <summary>Null when the certificate is the front proxy's; otherwise why not.</summary>
    public string? Reject(X509Certificate2? client)
    {
        if (client is null)
        {
            return "no client certificate: TrafficMetrics is served to the API server's front proxy only (use kubectl get --raw /apis/metrics.smi-spec.io/v1alpha1/...)";
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ClientAuthOid));
        if (!chain.Build(client))
        {
            var status = string.Join(", ", chain.ChainStatus.Select(s => s.Status));
            return $"client certificate \"{client.Subject}\" is not signed by the API server's request-header CA ({status})";
        }

        var commonName = client.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        return _allowedNames.Count == 0 || _allowedNames.Contains(commonName, StringComparer.Ordinal)
            ? null
            : $"client certificate CN \"{commonName}\" is not in {AllowedNamesKey} ({string.Join(", ", _allowedNames)})";
    }
}
