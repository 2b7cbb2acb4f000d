using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Smi.ProxyConfig;

namespace SmiProxy.Identity;

/// <summary>
/// How peers are verified: the chain must build to a mesh root (<c>ca.crt</c> plus any config trust
/// anchors) with the right EKU, and the leaf must carry exactly one SPIFFE ID in the mesh's trust domain.
/// System roots are never trusted for mesh traffic.
/// </summary>
internal static class MeshTrust
{
    public const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
    public const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    /// <summary>The chain policy for one handshake (a fresh object: SslStream may keep it).</summary>
    public static X509ChainPolicy CreatePolicy(X509Certificate2Collection roots, string ekuOid)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(roots);
        policy.ApplicationPolicy.Add(new Oid(ekuOid));
        return policy;
    }

    /// <summary>The roots for new handshakes: <c>ca.crt</c> plus the config's extra anchors.</summary>
    public static X509Certificate2Collection Roots(CertificateBundle bundle, X509Certificate2Collection? extraAnchors)
    {
        if (extraAnchors is null || extraAnchors.Count == 0)
        {
            return bundle.Roots;
        }

        var roots = new X509Certificate2Collection(bundle.Roots);
        roots.AddRange(extraAnchors);
        return roots;
    }

    /// <summary>Checks a peer after SslStream built its chain with <see cref="CreatePolicy"/>; returns its SPIFFE ID.</summary>
    public static bool TryVerifyPeer(X509Certificate? certificate, SslPolicyErrors errors, string trustDomain, out ProxyIdentity identity, out string spiffeId)
    {
        identity = null!;
        spiffeId = string.Empty;

        // Peers are addressed by IP, which their certificates do not name; identity is checked below instead.
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) != SslPolicyErrors.None)
        {
            return false;
        }

        var certificate2 = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return SpiffeCertificate.TryGetSpiffeId(certificate2, out spiffeId)
            && ProxyIdentity.TryParseSpiffeId(spiffeId, trustDomain, out identity);
    }

    /// <summary>Whether <paramref name="leaf"/> chains to <paramref name="roots"/> now, for checking our own certificate on load.</summary>
    public static bool Chains(X509Certificate2 leaf, X509Certificate2Collection intermediates, X509Certificate2Collection roots, string ekuOid, out string error)
    {
        using var chain = new X509Chain { ChainPolicy = CreatePolicy(roots, ekuOid) };
        chain.ChainPolicy.ExtraStore.AddRange(intermediates);

        // An expired certificate is still loaded (and reported): it is the operator's to rotate.
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        if (chain.Build(leaf))
        {
            error = string.Empty;
            return true;
        }

        error = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
        return false;
    }
}
