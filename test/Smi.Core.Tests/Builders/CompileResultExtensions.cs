using Smi.Core.Compilation;
using Smi.Core.Diagnostics;
using Smi.ProxyConfig;

namespace Smi.Core.Tests.Builders;

internal static class CompileResultExtensions
{
    public static MeshProxyConfig For(this CompileResult result, string identity)
    {
        Assert.True(ProxyIdentity.TryParse(identity, out var id));
        Assert.True(result.Configs.ContainsKey(id), $"no config for {identity}; identities: {string.Join(", ", result.Configs.Keys)}");
        return result.Configs[id];
    }

    public static OutboundPort Port(this MeshProxyConfig config, string service, int port)
    {
        var parts = service.Split('/');
        var svc = config.Outbound.Services.SingleOrDefault(s => s.Namespace == parts[0] && s.Name == parts[1]);
        Assert.True(svc is not null, $"{config.Identity} cannot reach {service}; reachable: {string.Join(", ", config.Outbound.Services.Select(s => $"{s.Namespace}/{s.Name}"))}");
        return svc.Ports.Single(p => p.Port == port);
    }

    /// <summary>Backends of a route as "service=weight" in order.</summary>
    public static string Shares(this OutboundRoute route) => string.Join(" ", route.Backends.Select(b => $"{b.Service}={b.Weight}"));

    public static ObjectStatus StatusOf(this CompileResult result, string kind, string key)
    {
        var parts = key.Split('/');
        return result.Statuses.Single(s => s.Object.Kind == kind && s.Object.Namespace == parts[0] && s.Object.Name == parts[1]);
    }

    public static Condition Condition(this ObjectStatus status, string type) => status.Conditions.Single(c => c.Type == type);

    public static IEnumerable<string> Reasons(this CompileResult result, string kind, string key) =>
        result.Diagnostics.Where(d => d.Object.Kind == kind && $"{d.Object.Namespace}/{d.Object.Name}" == key).Select(d => d.Reason);
}
