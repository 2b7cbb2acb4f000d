using System.Globalization;
using Smi.Api.Model;

namespace Smi.TrafficMetrics.Api;

/// <summary>
/// Builds TrafficMetrics items from a <see cref="TrafficWindow"/>. Every count was recorded by the
/// receiving pod's proxy, so every item says <c>side: server</c>: a resource's own item covers the
/// requests it received from anyone (<c>direction: from</c>, empty edge resource); its edges are
/// the peers that called it (<c>from</c>) and the peers it called (<c>to</c>); a TrafficSplit has one
/// item per backend with the requests addressed to the apex that were routed there.
/// </summary>
internal static class TrafficMetricsCalculator
{
    public const string Server = "server";
    public const string From = "from";
    public const string To = "to";

    public static TrafficMetricsItem Resource(TrafficWindow window, PeerRef resource, Granularity granularity, string selfLink) =>
        Item(window, resource, new TrafficMetricsEdge(From, Server, new ObjectReference()), window.Edges.Where(e => PeerRef.Destination(e, granularity) == resource), selfLink);

    public static List<TrafficMetricsItem> Edges(TrafficWindow window, PeerRef resource, Granularity granularity, string selfLink)
    {
        var items = new List<TrafficMetricsItem>();
        var inbound = window.Edges.Where(e => PeerRef.Destination(e, granularity) == resource)
            .Select(e => (Peer: PeerRef.Source(e, granularity), Edge: e)).Where(p => p.Peer is not null);
        var outbound = window.Edges.Where(e => PeerRef.Source(e, granularity) == resource)
            .Select(e => (Peer: (PeerRef?)PeerRef.Destination(e, granularity), Edge: e));
        foreach (var (direction, traffic) in new[] { (From, inbound), (To, outbound) })
        {
            foreach (var group in traffic.GroupBy(p => p.Peer!).OrderBy(g => g.Key.Namespace, StringComparer.Ordinal).ThenBy(g => g.Key.Name, StringComparer.Ordinal))
            {
                items.Add(Item(window, resource, new TrafficMetricsEdge(direction, Server, group.Key.ToReference()), group.Select(p => p.Edge), selfLink));
            }
        }

        return items;
    }

    public static List<TrafficMetricsItem> Split(TrafficWindow window, TrafficSplit split, string selfLink)
    {
        var ns = split.Metadata.Namespace;
        var apex = $"{split.Service}.{ns}";
        var resource = new PeerRef("TrafficSplit", ns, split.Metadata.Name);
        return [.. split.Backends.Select(backend =>
        {
            var routed = window.Edges.Where(e => e.Series.Key.DestinationService == apex && e.Series.Key.Backend == $"{backend.Service}.{ns}");
            return Item(window, resource, new TrafficMetricsEdge(From, Server, new ObjectReference()), routed, selfLink) with
            {
                Backend = new TrafficMetricsBackend(split.Service, backend.Service, backend.Weight),
            };
        })];
    }

    /// <summary>p99/p90/p50 latency (ms, omitted without requests), then success and failure counts.</summary>
    public static List<TrafficMetric> MetricsOf(IEnumerable<EdgeTraffic> edges)
    {
        var list = edges.ToList();
        var histogram = LatencyQuantile.Merge(list.Select(e => (IReadOnlyList<(double Le, double Count)>)e.Series.Buckets));
        var metrics = new List<TrafficMetric>();
        foreach (var (name, q) in new[] { ("p99_response_latency", 0.99), ("p90_response_latency", 0.9), ("p50_response_latency", 0.5) })
        {
            if (LatencyQuantile.Of(q, histogram) is { } ms)
            {
                metrics.Add(new TrafficMetric(name, "ms", Quantity(ms)));
            }
        }

        metrics.Add(new TrafficMetric("success_count", null, Quantity(list.Sum(e => e.Series.Success))));
        metrics.Add(new TrafficMetric("failure_count", null, Quantity(list.Sum(e => e.Series.Failure))));
        return metrics;
    }

    /// <summary>A Kubernetes Quantity: whole numbers as is, fractions in milli-units ("12500m" is 12.5).</summary>
    public static string Quantity(double value)
    {
        var milli = Math.Round(value * 1000);
        return milli % 1000 == 0
            ? (milli / 1000).ToString("0", CultureInfo.InvariantCulture)
            : milli.ToString("0", CultureInfo.InvariantCulture) + "m";
    }

    /// <summary>A Go duration string, e.g. 30s or 29.5s.</summary>
    public static string Duration(TimeSpan window) =>
        Math.Round(window.TotalSeconds, 3).ToString("0.###", CultureInfo.InvariantCulture) + "s";

    private static TrafficMetricsItem Item(TrafficWindow window, PeerRef resource, TrafficMetricsEdge edge, IEnumerable<EdgeTraffic> edges, string selfLink) => new()
    {
        Metadata = new ItemMeta(resource.Name, resource.Namespace, window.Timestamp, selfLink),
        Resource = resource.ToReference(),
        Edge = edge,
        Timestamp = window.Timestamp,
        Window = Duration(window.Window),
        Metrics = MetricsOf(edges),
    };
}
