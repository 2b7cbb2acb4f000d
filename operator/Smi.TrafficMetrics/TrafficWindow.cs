using System.Collections.Immutable;

namespace Smi.TrafficMetrics;

/// <summary>
/// What happened between two scrapes: per destination pod and key, the difference of the counters.
/// A pod missing from the earlier scrape is left out (as Prometheus' rate() needs two samples), so
/// a new pod shows up from its second scrape on and a failed scrape never counts a pod's whole history.
/// </summary>
internal sealed record TrafficWindow(DateTimeOffset Timestamp, TimeSpan Window, ImmutableArray<EdgeTraffic> Edges)
{
    public static TrafficWindow Between(MeshScrape earlier, MeshScrape later)
    {
        var before = earlier.Pods.ToDictionary(p => (p.Pod.Namespace, p.Pod.Name), p => p.Series.ToDictionary(s => s.Key));
        var edges = ImmutableArray.CreateBuilder<EdgeTraffic>();
        foreach (var pod in later.Pods)
        {
            if (!before.TryGetValue((pod.Pod.Namespace, pod.Pod.Name), out var old))
            {
                continue;
            }

            foreach (var series in pod.Series)
            {
                var delta = old.TryGetValue(series.Key, out var then) ? series.Minus(then) : series;
                if (delta.Success > 0 || delta.Failure > 0)
                {
                    edges.Add(new EdgeTraffic(pod.Pod, delta));
                }
            }
        }

        return new TrafficWindow(later.Time, later.Time - earlier.Time, edges.ToImmutable());
    }
}
