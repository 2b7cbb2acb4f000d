using System.Collections.Frozen;
using SmiProxy.Routing;

namespace SmiProxy.Authorization;

/// <summary>
/// A compiled <see cref="Smi.ProxyConfig.AccessRule"/>: it allows a request from peer P to container
/// port N iff P is a source AND (no ports or N among them) AND (no HTTP matches or one matches).
/// A UDP-only rule admits no TCP/HTTP traffic.
/// </summary>
internal sealed class AccessRuleEntry
{
    public AccessRuleEntry(string origin, FrozenSet<string> sources, FrozenSet<int>? ports, HttpMatcher[] matches, bool udpOnly)
    {
        Origin = origin;
        Sources = sources;
        Ports = ports;
        Matches = matches;
        UdpOnly = udpOnly;
    }

    public string Origin { get; }

    public FrozenSet<string> Sources { get; }

    /// <summary>Allowed container ports; null means every port.</summary>
    public FrozenSet<int>? Ports { get; }

    public HttpMatcher[] Matches { get; }

    public bool UdpOnly { get; }

    public bool Allows(string source, int port, HttpRequest request)
    {
        if (UdpOnly || !Sources.Contains(source) || (Ports is not null && !Ports.Contains(port)))
        {
            return false;
        }

        if (Matches.Length == 0)
        {
            return true;
        }

        foreach (var match in Matches)
        {
            if (match.Matches(request))
            {
                return true;
            }
        }

        return false;
    }
}
