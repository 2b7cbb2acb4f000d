using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Smi.Certificates;
using Smi.ProxyConfig;

namespace Smi.Operator.Certificates;

/// <summary>
/// <see cref="IProxyCertificateIssuer"/> over the mesh CA: a certificate is current while it comes
/// from this CA (issuer and trust bundle), names the identity's SPIFFE ID, and has not reached two
/// thirds of its lifetime (kubelet then updates the mounted volume and the proxy picks the new
/// certificate up without dropping connections).
/// </summary>
internal sealed class ProxyCertificateIssuer(MeshCertificateAuthority ca, TimeSpan lifetime, TimeProvider time) : IProxyCertificateIssuer
{
    public string TrustBundlePem { get; } = ca.CertificatePem;

    public bool IsCurrent(ProxyIdentity identity, string certificatePem, string trustBundlePem)
    {
        try
        {
            using var certificate = X509Certificate2.CreateFromPem(certificatePem);
            return trustBundlePem == TrustBundlePem
                && certificate.Issuer == ca.Certificate.Subject
                && SpiffeCertificate.TryGetSpiffeId(certificate, out var id) && id == identity.SpiffeId(ca.TrustDomain)
                && !CertificateRotation.NeedsRotation(certificate, time.GetUtcNow());
        }
        catch (CryptographicException)
        {
            // Not a certificate at all: replace it.
            return false;
        }
    }

    public IssuedCertificate Issue(ProxyIdentity identity) => ca.Issue(identity, lifetime);
}
