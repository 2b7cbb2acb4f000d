namespace Smi.Operator.Webhooks.Injection;

/// <summary>How injected proxies look. Set from the operator's flags and environment (config/operator).</summary>
internal sealed record InjectionOptions
{
    public string ProxyImage { get; init; } = "ghcr.io/smi-operator/proxy:0.1.0";

    public string ImagePullPolicy { get; init; } = "IfNotPresent";

    /// <summary>Add the iptables init container (transparent interception). Pods can opt out with the annotation.</summary>
    public bool Transparent { get; init; } = true;

    public int ProxyUid { get; init; } = 1337;

    public int OutboundPort { get; init; } = 15001;

    public int InboundPort { get; init; } = 15006;

    public int AdminPort { get; init; } = 15000;

    /// <summary>Flagger metric shapes injected proxies record unless a pod's annotation says otherwise (docs/flagger.md).</summary>
    public string MetricShapes { get; init; } = "istio";

    public string CpuRequest { get; init; } = "50m";

    public string MemoryRequest { get; init; } = "64Mi";

    public string MemoryLimit { get; init; } = "256Mi";
}
