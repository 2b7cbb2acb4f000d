using System.Globalization;

namespace Smi.ProxyConfig.Matching;

/// <summary>
/// How a proxy reads the service a request names: <c>name</c> (in the proxy's own namespace),
/// <c>name.ns</c>, <c>name.ns.svc</c>, <c>name.ns.svc.&lt;clusterDomain&gt;</c>, each with an
/// optional trailing dot and port (default 80).
/// </summary>
/// <param name="Service">The Service.</param>
/// <param name="Port">Port.</param>
public sealed record ServiceAddress(ServiceKey Service, int Port)
{
    /// <summary>Parses <paramref name="authority"/> (host[:port]) as seen from <paramref name="ownNamespace"/>.</summary>
    public static ServiceAddress? Parse(string authority, string ownNamespace, string clusterDomain)
    {
        ArgumentNullException.ThrowIfNull(authority);
        var host = authority;
        var port = 80;
        var colon = authority.LastIndexOf(':');
        if (colon > 0 && !authority.Contains(']', StringComparison.Ordinal))
        {
            if (!int.TryParse(authority.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
            {
                return null;
            }

            host = authority[..colon];
        }

        host = host.TrimEnd('.').ToLowerInvariant();
        var suffix = ".svc." + clusterDomain.ToLowerInvariant();
        if (host.EndsWith(suffix, StringComparison.Ordinal))
        {
            host = host[..^(suffix.Length)];
        }
        else if (host.EndsWith(".svc", StringComparison.Ordinal))
        {
            host = host[..^4];
        }

        var parts = host.Split('.');
        return parts switch
        {
            [var name] when name.Length > 0 => new ServiceAddress(new ServiceKey(ownNamespace, name), port),
            [var name, var ns] when name.Length > 0 && ns.Length > 0 => new ServiceAddress(new ServiceKey(ns, name), port),
            _ => null,
        };
    }
}
