using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace SmiProxy.Hosting;

/// <summary>The three Kestrel listen options; after start Kestrel has replaced port 0 with the bound port.</summary>
internal sealed class ProxyListeners
{
    public ListenOptions? Outbound { get; set; }

    public ListenOptions? Inbound { get; set; }

    public ListenOptions? Admin { get; set; }

    /// <summary>The bound endpoint; a wildcard listener reads as 0.0.0.0 whichever families it serves.</summary>
    public static IPEndPoint Bound(ListenOptions? listen, string name) =>
        listen?.IPEndPoint is { } bound
            ? bound.Address.Equals(IPAddress.IPv6Any) ? new IPEndPoint(IPAddress.Any, bound.Port) : bound
            : throw new InvalidOperationException($"The {name} listener is not bound (the proxy is not started).");
}
