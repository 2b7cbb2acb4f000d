using Smi.ProxyConfig;

namespace SmiProxy.Telemetry;

/// <summary>A Service as metric labels show it; built once per config so recording allocates nothing.</summary>
/// <param name="Key">The <see cref="ServiceKey"/>'s text, "name.namespace".</param>
/// <param name="Name">Service name.</param>
/// <param name="Namespace">Service namespace.</param>
/// <param name="Fqdn">"name.namespace.svc.&lt;clusterDomain&gt;" (Istio's destination_service).</param>
internal sealed record ServiceLabel(string Key, string Name, string Namespace, string Fqdn)
{
    public static readonly ServiceLabel Unknown = new("unknown", "unknown", "unknown", "unknown");

    public static ServiceLabel Create(ServiceKey service, string clusterDomain)
    {
        var key = service.ToString();
        return new(key, service.Name, service.Namespace, $"{key}.svc.{clusterDomain}");
    }
}
