namespace SmiProxy.Telemetry;

/// <summary>A Service as metric labels show it; built once per config so recording allocates nothing.</summary>
/// <param name="Key">"name.namespace" (the contract's form).</param>
/// <param name="Name">Service name.</param>
/// <param name="Namespace">Service namespace.</param>
/// <param name="Fqdn">"name.namespace.svc.&lt;clusterDomain&gt;" (Istio's destination_service).</param>
internal sealed record ServiceLabel(string Key, string Name, string Namespace, string Fqdn)
{
    public static readonly ServiceLabel Unknown = new("unknown", "unknown", "unknown", "unknown");

    public static ServiceLabel Create(string name, string ns, string clusterDomain) =>
        new($"{name}.{ns}", name, ns, $"{name}.{ns}.svc.{clusterDomain}");
}
