using Smi.Core.Cluster;

namespace Smi.Sandbox;

/// <summary>
/// Which protocol the echo app speaks on each of its container ports, read from the manifests as a
/// real app's protocol is declared there: HTTP/2 cleartext (prior knowledge; gRPC and plain h2c)
/// when a Service selecting the pod targets the port with <c>appProtocol</c> <c>grpc</c>, <c>h2c</c>
/// or <c>kubernetes.io/h2c</c>, or — without an appProtocol — a Service port or the container port
/// is named by Istio's convention <c>grpc</c>, <c>grpc-*</c>, <c>h2c</c> or <c>h2c-*</c>
/// (<c>grpc-web</c> excepted: it is HTTP/1.1); HTTP/1.1 otherwise. One Service saying h2c is enough.
/// </summary>
internal static class EchoProtocols
{
    private static readonly string[] H2cAppProtocols = ["grpc", "h2c", "kubernetes.io/h2c"];
    private static readonly string[] H2cNamePrefixes = ["grpc", "h2c"];

    /// <summary>The echo app's ports: each TCP port of <paramref name="ports"/> once, in order.</summary>
    /// <param name="ports">The container ports the echo app serves (those of the containers it stands in for).</param>
    /// <param name="pod">The pod, for its namespace, labels and every container port (named target ports).</param>
    /// <param name="services">Every Service; those of the pod's namespace whose selector matches it count.</param>
    public static IReadOnlyList<EchoPort> Plan(IEnumerable<ContainerPortInfo> ports, PodInfo pod, IEnumerable<ServiceInfo> services)
    {
        var selecting = services.Where(s => s.Namespace == pod.Namespace && Selects(s, pod)).ToList();
        return [.. ports
            .Where(p => string.Equals(p.Protocol, "TCP", StringComparison.OrdinalIgnoreCase))
            .GroupBy(p => p.Port)
            .OrderBy(g => g.Key)
            .Select(g => new EchoPort(g.Key, g.Any(p => IsH2c(null, p.Name)) || selecting.Any(s => s.Ports.Any(sp => Targets(sp, g.Key, pod) && IsH2c(sp.AppProtocol, sp.Name)))))];
    }

    /// <summary>Whether a port with this appProtocol and name carries HTTP/2 cleartext; the appProtocol, when given, decides alone.</summary>
    public static bool IsH2c(string? appProtocol, string? name)
    {
        if (appProtocol is { Length: > 0 })
        {
            return H2cAppProtocols.Contains(appProtocol.ToLowerInvariant());
        }

        var lower = name?.ToLowerInvariant() ?? string.Empty;
        if (lower == "grpc-web" || lower.StartsWith("grpc-web-", StringComparison.Ordinal))
        {
            return false;
        }

        return H2cNamePrefixes.Any(p => lower == p || lower.StartsWith(p + "-", StringComparison.Ordinal));
    }

    private static bool Selects(ServiceInfo service, PodInfo pod) =>
        service.Selector is { Count: > 0 } selector && selector.All(kv => pod.Labels.TryGetValue(kv.Key, out var v) && v == kv.Value);

    // The Service port's target resolved as the endpoints controller resolves it (EndpointSynthesizer).
    private static bool Targets(ServicePortInfo port, int containerPort, PodInfo pod)
    {
        if (!string.Equals(port.Protocol, "TCP", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return port.TargetPort switch
        {
            null or "" => port.Port == containerPort,
            var t when int.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) => number == containerPort,
            var name => pod.ContainerPorts.Any(c => c.Name == name && c.Port == containerPort && string.Equals(c.Protocol, "TCP", StringComparison.OrdinalIgnoreCase)),
        };
    }
}
