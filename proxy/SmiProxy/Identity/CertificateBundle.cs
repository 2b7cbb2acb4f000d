using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace SmiProxy.Identity;

/// <summary>
/// One loaded certificate directory: this proxy's leaf (with key and intermediates, ready for
/// SslStream) and the mesh roots from <c>ca.crt</c>. Immutable; a rotation publishes a new bundle,
/// which new connections use while existing ones keep theirs.
/// </summary>
internal sealed class CertificateBundle
{
    public CertificateBundle(X509Certificate2 leaf, SslStreamCertificateContext context, X509Certificate2Collection roots, string spiffeId, byte[] contentHash)
    {
        Leaf = leaf;
        Context = context;
        Roots = roots;
        SpiffeId = spiffeId;
        ContentHash = contentHash;
        NotAfter = new DateTimeOffset(leaf.NotAfter.ToUniversalTime());
    }

    public X509Certificate2 Leaf { get; }

    public SslStreamCertificateContext Context { get; }

    public X509Certificate2Collection Roots { get; }

    public string SpiffeId { get; }

    public DateTimeOffset NotAfter { get; }

    /// <summary>SHA-256 of the three files, to skip reloading identical content.</summary>
    public byte[] ContentHash { get; }
}
