using System.Security.Cryptography.X509Certificates;
using Smi.Certificates;
using Smi.ProxyConfig;

namespace Smi.Operator.Certificates;

/// <summary>
/// This replica's webhook serving certificate, issued by the mesh CA for the webhook Service's DNS
/// names and renewed at two thirds of its lifetime. Kestrel asks for it on every TLS handshake,
/// so a renewed certificate is used at once, without a restart or dropped connections.
/// </summary>
internal sealed class WebhookCertificate(MeshCertificateAuthority ca, string serviceName, string @namespace, IReadOnlyList<string> extraDnsNames, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
    private readonly Lock _lock = new();
    private X509Certificate2? _current;

    public IReadOnlyList<string> DnsNames { get; } =
    [
        serviceName,
        $"{serviceName}.{@namespace}",
        $"{serviceName}.{@namespace}.svc",
        $"{serviceName}.{@namespace}.svc.cluster.local",
        .. extraDnsNames,
    ];

    /// <summary>The CA bundle the API server must trust (PEM).</summary>
    public string CaBundlePem => ca.CertificatePem;

    public X509Certificate2 Current()
    {
        lock (_lock)
        {
            if (_current is null || CertificateRotation.NeedsRotation(_current, time.GetUtcNow()))
            {
                var issued = ca.Issue(new ProxyIdentity(@namespace, serviceName), Lifetime, DnsNames);
                // Kestrel needs a key it can use for TLS: re-import from PKCS#12 so the key is usable on every platform.
                _current = X509CertificateLoader.LoadPkcs12(issued.Certificate.Export(X509ContentType.Pkcs12), null);
            }

            return _current;
        }
    }
}
