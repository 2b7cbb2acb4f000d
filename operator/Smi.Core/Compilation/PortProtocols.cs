using Smi.Core.Cluster;
using Smi.ProxyConfig;

namespace Smi.Core.Compilation;

/// <summary>
/// Decides whether a Service port carries HTTP (routed and authorized per request) or opaque TCP:
/// <c>appProtocol</c> first (http, http2, h2c, kubernetes.io/h2c and grpc are HTTP; anything else,
/// tcp and tls included, is opaque), then Istio's port-name convention (<c>http</c>, <c>http-*</c>, <c>grpc*</c>,
/// <c>h2c*</c> are HTTP; <c>tcp*</c>, <c>tls*</c>, <c>https*</c>, <c>mongo*</c>, <c>mysql*</c>,
/// <c>redis*</c> opaque); then the well-known ports of server-first protocols, which a proxy cannot
/// detect because the client speaks last (Linkerd's default opaque ports: SMTP 25 and 587, MySQL
/// 3306, Galera 4444, PostgreSQL 5432, Redis 6379, Elasticsearch 9300, memcached 11211);
/// otherwise HTTP, the common case in a mesh — where the proxy still looks at each connection's
/// first bytes and carries anything that is not HTTP as opaque TCP (docs/proxy.md, "Protocols").
/// </summary>
internal static class PortProtocols
{
    private static readonly string[] HttpPrefixes = ["http", "grpc", "h2c"];
    private static readonly string[] TcpPrefixes = ["tcp", "tls", "https", "mongo", "mysql", "redis", "postgres", "amqp", "kafka"];

    /// <summary>Ports treated as opaque TCP when neither appProtocol nor the port name says otherwise.</summary>
    public static readonly IReadOnlySet<int> ServerFirstPorts = new HashSet<int> { 25, 587, 3306, 4444, 5432, 6379, 9300, 11211 };

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

        if (TcpPrefixes.Any(p => name == p || name.StartsWith(p + "-", StringComparison.Ordinal)))
        {
            return AppProtocol.Tcp;
        }

        var target = int.TryParse(port.TargetPort, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : port.Port;
        return ServerFirstPorts.Contains(port.Port) || ServerFirstPorts.Contains(target) ? AppProtocol.Tcp : AppProtocol.Http;
    }
}
