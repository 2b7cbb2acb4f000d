using System.Text;
using k8s.Models;
using Smi.Certificates;
using Smi.ProxyConfig;

namespace Smi.Operator.Kubernetes;

/// <summary>
/// The TLS Secret of one proxy identity (<c>smi-proxy-&lt;sa&gt;-tls</c>: tls.crt, tls.key, ca.crt),
/// mounted by the injected sidecar by name.
/// </summary>
internal static class ProxySecrets
{
    public const string Type = "kubernetes.io/tls";

    public static V1Secret Build(ProxyIdentity identity, IssuedCertificate issued, string trustBundlePem, V1ServiceAccount? owner) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Type = Type,
        Metadata = Metadata(identity, owner),
        Data = new Dictionary<string, byte[]>
        {
            [CertificateFiles.Certificate] = Encoding.ASCII.GetBytes(issued.CertificatePem),
            [CertificateFiles.PrivateKey] = Encoding.ASCII.GetBytes(issued.PrivateKeyPem),
            [CertificateFiles.TrustBundle] = Encoding.ASCII.GetBytes(trustBundlePem),
        },
    };

    /// <summary>The metadata of the identity's Secret.</summary>
    public static V1ObjectMeta Metadata(ProxyIdentity identity, V1ServiceAccount? owner) =>
        OwnedObjects.Metadata(ProxyConfigMaps.SecretNameFor(identity.ServiceAccount), identity, owner);

    /// <summary>The certificate and trust bundle a Secret holds, or null when either is missing.</summary>
    public static (string Certificate, string TrustBundle)? Contents(V1Secret secret) =>
        secret.Data?.TryGetValue(CertificateFiles.Certificate, out var pem) == true && secret.Data.TryGetValue(CertificateFiles.TrustBundle, out var bundle)
            ? (Encoding.ASCII.GetString(pem), Encoding.ASCII.GetString(bundle))
            : null;

    /// <summary>True for a Secret this operator keeps for a proxy (what stale-Secret cleanup may delete).</summary>
    public static bool IsProxySecret(V1Secret secret) => secret.Type == Type && OwnedObjects.HasServiceAccountLabel(secret.Metadata);
}
