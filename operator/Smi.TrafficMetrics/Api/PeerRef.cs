namespace Smi.TrafficMetrics.Api;

/// <summary>A resource traffic is attributed to (namespace null for Namespaces).</summary>
internal sealed record PeerRef(string Kind, string? Namespace, string Name)
{
    public const string Unknown = "unknown";

    /// <summary>The receiving side of an edge at this granularity.</summary>
    public static PeerRef Destination(EdgeTraffic edge, Granularity granularity)
    {
        var pod = edge.Destination;
        return granularity switch
        {
            Granularity.Pod => new("Pod", pod.Namespace, pod.Name),
            Granularity.Namespace => new("Namespace", null, pod.Namespace),
            _ => new(pod.WorkloadKind, pod.Namespace, pod.WorkloadName),
        };
    }

    /// <summary>The calling side at this granularity, or null when the caller had no verified identity.</summary>
    public static PeerRef? Source(EdgeTraffic edge, Granularity granularity)
    {
        var key = edge.Series.Key;
        if (key.SourceNamespace == Unknown)
        {
            return null;
        }

        return granularity switch
        {
            Granularity.Pod => key.SourcePod == Unknown ? null : new("Pod", key.SourceNamespace, key.SourcePod),
            Granularity.Namespace => new("Namespace", null, key.SourceNamespace),
            _ => key.SourceWorkload == Unknown ? null : new(key.SourceKind, key.SourceNamespace, key.SourceWorkload),
        };
    }

    public ObjectReference ToReference() => new()
    {
        Kind = Kind,
        Namespace = Namespace,
        Name = Name,
        ApiVersion = MetricsKind.All.FirstOrDefault(k => k.Kind == Kind)?.ApiVersion,
    };
}
