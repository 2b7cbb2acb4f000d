namespace Smi.Operator.Webhooks.Injection;

/// <summary>Pod annotations the injector reads and writes (part of the user contract, docs/injection.md).</summary>
internal static class InjectionAnnotations
{
    /// <summary>Set on injected pods: <c>injected</c>.</summary>
    public const string Status = "smi-operator.io/proxy-status";

    /// <summary><c>"false"</c> skips the iptables init container (the app then uses HTTP_PROXY).</summary>
    public const string Transparent = "smi-operator.io/transparent";

    /// <summary><c>"false"</c> leaves the app's probes as written (they then reach the app only in permissive mode or on excluded ports).</summary>
    public const string RewriteProbes = "smi-operator.io/rewrite-app-probes";

    /// <summary>Comma-separated inbound ports not to intercept (e.g. a metrics port scraped in plain text).</summary>
    public const string ExcludeInboundPorts = "smi-operator.io/exclude-inbound-ports";

    /// <summary>Comma-separated outbound ports not to intercept.</summary>
    public const string ExcludeOutboundPorts = "smi-operator.io/exclude-outbound-ports";

    /// <summary>Comma-separated outbound CIDRs not to intercept.</summary>
    public const string ExcludeOutboundCidrs = "smi-operator.io/exclude-outbound-cidrs";

    /// <summary>Flagger metric shapes this pod's proxy records (comma list of istio, osm, linkerd, all, none); default: the operator's <c>--proxy-metric-shapes</c>.</summary>
    public const string MetricShapes = "smi-operator.io/metric-shapes";
}
