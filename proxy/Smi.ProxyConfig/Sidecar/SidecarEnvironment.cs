namespace Smi.ProxyConfig.Sidecar;

/// <summary>
/// The environment the injector gives the proxy container and its iptables init container, read
/// by <c>smi-proxy</c> and <c>smi-iptables.sh</c>: one list of names for both sides.
/// </summary>
public static class SidecarEnvironment
{
    public const string ConfigDirectory = "SMI_CONFIG_DIR";

    public const string CertificateDirectory = "SMI_CERT_DIR";

    /// <summary>Port of the outbound listener (the iptables script redirects the app's connections there).</summary>
    public const string OutboundPort = "SMI_OUTBOUND_PORT";

    public const string InboundPort = "SMI_INBOUND_PORT";

    public const string AdminPort = "SMI_ADMIN_PORT";

    public const string MetricShapes = "SMI_METRIC_SHAPES";

    public const string ServiceAccount = "SMI_SERVICE_ACCOUNT";

    public const string WorkloadKind = "SMI_WORKLOAD_KIND";

    public const string WorkloadName = "SMI_WORKLOAD_NAME";

    /// <summary>The app's probes the injector moved to the proxy (JSON, see <see cref="AppProbes"/>).</summary>
    public const string AppProbes = "SMI_APP_PROBES";

    /// <summary>The pod's own addresses (downward API <c>status.podIPs</c>): the outbound listener serves connections from these and loopback only.</summary>
    public const string PodIps = "SMI_POD_IPS";

    public const string PodIp = "POD_IP";

    public const string PodName = "POD_NAME";

    public const string PodNamespace = "POD_NAMESPACE";

    /// <summary>uid the proxy runs as (the iptables script lets its traffic out unredirected).</summary>
    public const string ProxyUid = "SMI_PROXY_UID";
}
