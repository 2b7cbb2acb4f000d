using SmiProxy.Policies;

namespace SmiProxy.Routing;

/// <summary>A port of a reachable Service with its routes in evaluation order (the last catches all).</summary>
internal sealed class OutboundPortEntry
{
    public OutboundPortEntry(int port, OutboundRouteEntry[] routes, OutboundPolicyEntry[]? policies = null, string protocol = Smi.ProxyConfig.AppProtocol.Http)
    {
        Port = port;
        IsOpaque = protocol == Smi.ProxyConfig.AppProtocol.Tcp;
        Routes = routes;
        Policies = policies ?? [];
    }

    /// <summary>TrafficPolicy entries in evaluation order.</summary>
    public OutboundPolicyEntry[] Policies { get; }

    /// <summary>The first policy entry that applies to the request, if any.</summary>
    public OutboundPolicyEntry? SelectPolicy(HttpRequest request)
    {
        foreach (var policy in Policies)
        {
            if (policy.IsMatch(request))
            {
                return policy;
            }
        }

        return null;
    }

    public int Port { get; }

    /// <summary>Declared opaque TCP (appProtocol, port name, or a server-first port): connections skip protocol detection.</summary>
    public bool IsOpaque { get; }

    public OutboundRouteEntry[] Routes { get; }

    /// <summary>The first route whose matches accept the request; the validator guarantees a catch-all last route.</summary>
    public OutboundRouteEntry Select(HttpRequest request)
    {
        var routes = Routes;
        for (var i = 0; i < routes.Length - 1; i++)
        {
            if (routes[i].IsMatch(request))
            {
                return routes[i];
            }
        }

        return routes[^1];
    }
}
