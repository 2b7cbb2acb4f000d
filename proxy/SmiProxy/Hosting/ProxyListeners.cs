using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace SmiProxy.Hosting;

/// <summary>The three Kestrel listen options; after start Kestrel has replaced port 0 with the bound port.</summary>
internal sealed class ProxyListeners
{
    public ListenOptions? Outbound { get; set; }

    public ListenOptions? Inbound { get; set; }

    public ListenOptions? Admin { get; set; }

    public static IPEndPoint Bound(ListenOptions? listen, string name) =>
        listen?.IPEndPoint ?? throw new InvalidOperationException($"The {name} listener is not bound (the proxy is not started).");
}
