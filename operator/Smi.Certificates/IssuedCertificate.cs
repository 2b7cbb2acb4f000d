using System.Security.Cryptography.X509Certificates;

namespace Smi.Certificates;

/// <summary>A leaf certificate issued by <see cref="MeshCertificateAuthority"/>, with its key and PEM forms.</summary>
/// <param name="Certificate">The certificate with its private key attached.</param>
/// <param name="CertificatePem">PEM of the certificate (what goes into <c>tls.crt</c>).</param>
/// <param name="PrivateKeyPem">PKCS#8 PEM of the private key (what goes into <c>tls.key</c>).</param>
/// <param name="SpiffeId">The SPIFFE ID asserted by the URI SAN, e.g. <c>spiffe://cluster.local/ns/demo/sa/web</c>.</param>
public sealed record IssuedCertificate(X509Certificate2 Certificate, string CertificatePem, string PrivateKeyPem, string SpiffeId)
{
    /// <summary>Start of validity (UTC).</summary>
    public DateTimeOffset NotBefore => new(Certificate.NotBefore.ToUniversalTime());

    /// <summary>End of validity (UTC).</summary>
    public DateTimeOffset NotAfter => new(Certificate.NotAfter.ToUniversalTime());
}
