namespace Smi.ProxyConfig;

/// <summary>Application protocols of a port, as derived from the Service port's appProtocol/name.</summary>
public static class AppProtocol
{
    /// <summary>HTTP/1.1 or HTTP/2: routed and authorized per request.</summary>
    public const string Http = "http";

    /// <summary>Opaque TCP: authorized per connection by port only.</summary>
    public const string Tcp = "tcp";
}
