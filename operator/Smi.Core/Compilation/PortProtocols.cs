using Smi.Core.Cluster;
using Smi.ProxyConfig;

namespace Smi.Core.Compilation;

/// <summary>
/// Decides whether a Service port carries HTTP (routed and authorized per request) or opaque TCP:
/// <c>appProtocol</c> first (http, http2, h2c, kubernetes.io/h2c and grpc are HTTP; anything else,
/// tcp and tls included, is opaque), then Istio's port-name convention (<c>http</c>, <c>http-*</c>, <c>grpc*</c>,
/// <c>h2c*</c> are HTTP; <c>tcp*</c>, <c>tls*</c>, <c>https*</c>, <c>mongo*</c>, <c>mysql*</c>,
/// <c>redis*</c> opaque); otherwise HTTP, the common case in a mesh.
/// </summary>
internal static class PortProtocols
{
    private static readonly string[] HttpPrefixes = ["http", "grpc", "h2c"];
    private static readonly string[] TcpPrefixes = ["tcp", "tls", "https", "mongo", "mysql", "redis", "postgres", "amqp", "kafka"];

    public static string Of(ServicePortInfo port)
    {
        if (port.AppProtocol is { Length: > 0 } app)
        {
            var normalized = app.ToLowerInvariant();
            return normalized is "http" or "h2c" or "kubernetes.io/h2c" or "grpc" or "http2" ? AppProtocol.Http : AppProtocol.Tcp;
        }

        var name = port.Name?.ToLowerInvariant() ?? string.Empty;
        if (HttpPrefixes.Any(p => name == p || name.StartsWith(p + "-", StringComparison.Ordinal)))
        {
            return AppProtocol.Http;
        }

        return TcpPrefixes.Any(p => name == p || name.StartsWith(p + "-", StringComparison.Ordinal)) ? AppProtocol.Tcp : AppProtocol.Http;
    }
}
