namespace Smi.TrafficMetrics.Api;

/// <summary>A resource the TrafficMetrics API serves: its plural (the URL segment), kind and granularity.</summary>
internal sealed record MetricsKind(string Plural, string Kind, Granularity Granularity, string ApiVersion)
{
    public static readonly IReadOnlyList<MetricsKind> All =
    [
        new("namespaces", "Namespace", Granularity.Namespace, "v1"),
        new("pods", "Pod", Granularity.Pod, "v1"),
        new("deployments", "Deployment", Granularity.Workload, "apps/v1"),
        new("statefulsets", "StatefulSet", Granularity.Workload, "apps/v1"),
        new("daemonsets", "DaemonSet", Granularity.Workload, "apps/v1"),
        new("replicasets", "ReplicaSet", Granularity.Workload, "apps/v1"),
        new("jobs", "Job", Granularity.Workload, "batch/v1"),
        new("trafficsplits", "TrafficSplit", Granularity.TrafficSplit, "split.smi-spec.io/v1alpha4"),
    ];

    public bool Namespaced => Granularity != Granularity.Namespace;

    public static MetricsKind? ByPlural(string plural) => All.FirstOrDefault(k => k.Plural == plural);
}
