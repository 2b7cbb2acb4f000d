using System.Text.Json.Serialization;

namespace Smi.ProxyConfig;

/// <summary>
/// A proxy identity: a ServiceAccount. This is what SMI access rules name and what mTLS
/// certificates assert (SPIFFE URI SAN <c>spiffe://&lt;trust-domain&gt;/ns/&lt;ns&gt;/sa/&lt;sa&gt;</c>).
/// </summary>
/// <param name="Namespace">ServiceAccount namespace.</param>
/// <param name="ServiceAccount">ServiceAccount name.</param>
public sealed record ProxyIdentity(string Namespace, string ServiceAccount) : IComparable<ProxyIdentity>
{
    /// <summary>"namespace/serviceaccount", the form used in access rules, logs and metrics.</summary>
    [JsonIgnore]
    public string Key => $"{Namespace}/{ServiceAccount}";

    /// <summary>The SPIFFE ID of this identity in <paramref name="trustDomain"/>.</summary>
    public string SpiffeId(string trustDomain) => $"spiffe://{trustDomain}/ns/{Namespace}/sa/{ServiceAccount}";

    /// <summary>Parses "namespace/serviceaccount".</summary>
    public static bool TryParse(string? key, out ProxyIdentity identity)
    {
        identity = null!;
        if (string.IsNullOrEmpty(key))
        {
            return false;
        }

        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == key.Length - 1 || key.IndexOf('/', slash + 1) >= 0)
        {
            return false;
        }

        identity = new ProxyIdentity(key[..slash], key[(slash + 1)..]);
        return true;
    }

    /// <summary>Parses a SPIFFE ID of the form <c>spiffe://&lt;td&gt;/ns/&lt;ns&gt;/sa/&lt;sa&gt;</c> in the given trust domain.</summary>
    public static bool TryParseSpiffeId(string? uri, string trustDomain, out ProxyIdentity identity)
    {
        identity = null!;
        var prefix = $"spiffe://{trustDomain}/ns/";
        if (uri is null || !uri.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = uri.AsSpan(prefix.Length);
        var marker = rest.IndexOf("/sa/", StringComparison.Ordinal);
        if (marker <= 0)
        {
            return false;
        }

        var ns = rest[..marker];
        var sa = rest[(marker + 4)..];
        if (sa.IsEmpty || sa.Contains('/') || ns.Contains('/'))
        {
            return false;
        }

        identity = new ProxyIdentity(ns.ToString(), sa.ToString());
        return true;
    }

    /// <inheritdoc />
    public int CompareTo(ProxyIdentity? other)
    {
        if (other is null)
        {
            return 1;
        }

        var byNamespace = string.CompareOrdinal(Namespace, other.Namespace);
        return byNamespace != 0 ? byNamespace : string.CompareOrdinal(ServiceAccount, other.ServiceAccount);
    }

    /// <inheritdoc />
    public override string ToString() => Key;
}
