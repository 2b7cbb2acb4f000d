namespace SmiProxy.Settings;

/// <summary>
/// The pod and workload this proxy runs in, as metrics label them. Resolved once per config (the
/// namespace falls back to the identity's namespace).
/// </summary>
/// <param name="Namespace">Pod namespace.</param>
/// <param name="Kind">Workload kind, e.g. Deployment.</param>
/// <param name="Name">Workload name, e.g. podinfo-primary.</param>
/// <param name="Pod">Pod name ("unknown" when not given).</param>
internal sealed record WorkloadInfo(string Namespace, string Kind, string Name, string Pod)
{
    public const string Unknown = "unknown";

    /// <summary>
    /// Resolves the labels. Without an explicit workload name, a Deployment pod's name
    /// <c>&lt;deployment&gt;-&lt;replicaset-hash&gt;-&lt;pod-hash&gt;</c> loses its last two segments (what
    /// OSM does with the owner ReplicaSet); any other pod name is used as is.
    /// </summary>
    public static WorkloadInfo Resolve(SidecarProxyOptions options, string identityNamespace, string serviceAccount)
    {
        var pod = string.IsNullOrEmpty(options.PodName) ? Unknown : options.PodName;
        var name = options.WorkloadName;
        if (string.IsNullOrEmpty(name))
        {
            name = options.PodName is { Length: > 0 } podName
                ? (string.Equals(options.WorkloadKind, "Deployment", StringComparison.OrdinalIgnoreCase) ? TrimDeploymentSuffix(podName) : podName)
                : serviceAccount;
        }

        var ns = string.IsNullOrEmpty(options.PodNamespace) ? identityNamespace : options.PodNamespace;
        return new WorkloadInfo(ns, options.WorkloadKind, name, pod);
    }

    private static string TrimDeploymentSuffix(string podName)
    {
        var last = podName.LastIndexOf('-');
        if (last <= 0)
        {
            return podName;
        }

        var secondLast = podName.LastIndexOf('-', last - 1);
        return secondLast <= 0 ? podName : podName[..secondLast];
    }
}
