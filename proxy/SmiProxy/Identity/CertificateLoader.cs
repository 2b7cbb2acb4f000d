using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Smi.ProxyConfig;

namespace SmiProxy.Identity;

/// <summary>Reads and checks a certificate directory (<c>tls.crt</c>, <c>tls.key</c>, <c>ca.crt</c>).</summary>
internal static class CertificateLoader
{
    /// <summary>
    /// Loads the directory. Null with a reason when a file is missing or unreadable, the key does not
    /// match, the leaf has no single SPIFFE ID, or it does not chain to <c>ca.crt</c>.
    /// </summary>
    public static CertificateBundle? TryLoad(string directory, byte[]? unchangedHash, out string? error, out bool unchanged)
    {
        unchanged = false;
        string certPem, keyPem, caPem;
        try
        {
            certPem = File.ReadAllText(Path.Combine(directory, CertificateFiles.Certificate));
            keyPem = File.ReadAllText(Path.Combine(directory, CertificateFiles.PrivateKey));
            caPem = File.ReadAllText(Path.Combine(directory, CertificateFiles.TrustBundle));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = $"cannot read {CertificateFiles.Certificate}, {CertificateFiles.PrivateKey} and {CertificateFiles.TrustBundle}: {ex.Message}";
            return null;
        }

        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(certPem + "\n" + keyPem + "\n" + caPem));
        if (unchangedHash is not null && hash.AsSpan().SequenceEqual(unchangedHash))
        {
            unchanged = true;
            error = null;
            return null;
        }

        try
        {
            var chain = new X509Certificate2Collection();
            chain.ImportFromPem(certPem);
            var roots = new X509Certificate2Collection();
            roots.ImportFromPem(caPem);
            if (chain.Count == 0 || roots.Count == 0)
            {
                error = chain.Count == 0 ? $"{CertificateFiles.Certificate} holds no certificate" : $"{CertificateFiles.TrustBundle} holds no certificate";
                return null;
            }

            var leaf = X509Certificate2.CreateFromPem(certPem, keyPem);
            if (!SpiffeCertificate.TryGetSpiffeId(leaf, out var spiffeId))
            {
                error = $"the certificate {leaf.Subject} has no single spiffe:// URI SAN";
                return null;
            }

            var intermediates = new X509Certificate2Collection();
            for (var i = 1; i < chain.Count; i++)
            {
                intermediates.Add(chain[i]);
            }

            if (!MeshTrust.Chains(leaf, intermediates, roots, MeshTrust.ClientAuthOid, out var chainError))
            {
                error = $"{CertificateFiles.Certificate} ({spiffeId}) does not chain to {CertificateFiles.TrustBundle}: {chainError}";
                return null;
            }

            var context = SslStreamCertificateContext.Create(leaf, intermediates, offline: true);
            error = null;
            return new CertificateBundle(leaf, context, roots, spiffeId, hash);
        }
        catch (CryptographicException ex)
        {
            error = $"not a usable PEM certificate and matching private key: {ex.Message}";
            return null;
        }
    }
}
