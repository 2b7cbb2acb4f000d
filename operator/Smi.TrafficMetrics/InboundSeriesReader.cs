using System.Collections.Immutable;
using System.Globalization;

namespace Smi.TrafficMetrics;

/// <summary>
/// Turns a proxy's exposition into <see cref="InboundSeries"/>: <c>smi_requests_total</c> gives the
/// success and failure counts (by <c>classification</c>), <c>smi_request_duration_ms_bucket</c> the
/// latency histogram, both summed over status codes. These are the proxy's own series, recorded
/// whatever Flagger shapes are switched on (docs/proxy.md, "Metrics").
/// </summary>
internal static class InboundSeriesReader
{
    public const string RequestsSeries = "smi_requests_total";
    public const string DurationBucketSeries = "smi_request_duration_ms_bucket";

    public static ImmutableArray<InboundSeries> Read(IEnumerable<ExpositionSample> samples)
    {
        var counts = new Dictionary<InboundKey, (double Success, double Failure)>();
        var buckets = new Dictionary<InboundKey, SortedDictionary<double, double>>();
        foreach (var sample in samples)
        {
            if (sample.Name == RequestsSeries)
            {
                var key = KeyOf(sample.Labels);
                counts.TryGetValue(key, out var current);
                counts[key] = sample.Labels.GetValueOrDefault("classification") == "failure"
                    ? (current.Success, current.Failure + sample.Value)
                    : (current.Success + sample.Value, current.Failure);
            }
            else if (sample.Name == DurationBucketSeries && sample.Labels.TryGetValue("le", out var leText) && TryParseLe(leText, out var le))
            {
                var key = KeyOf(sample.Labels);
                if (!buckets.TryGetValue(key, out var histogram))
                {
                    buckets[key] = histogram = [];
                }

                histogram[le] = histogram.GetValueOrDefault(le) + sample.Value;
            }
        }

        return [.. counts.Keys.Union(buckets.Keys).Select(key =>
        {
            var (success, failure) = counts.GetValueOrDefault(key);
            var histogram = buckets.TryGetValue(key, out var b) ? b.Select(kv => (kv.Key, kv.Value)).ToImmutableArray() : [];
            return new InboundSeries(key, success, failure, histogram);
        })];
    }

    private static InboundKey KeyOf(IReadOnlyDictionary<string, string> labels)
    {
        string Get(string name) => labels.TryGetValue(name, out var value) && value.Length > 0 ? value : "unknown";
        var identity = Get("source_identity");
        var slash = identity.IndexOf('/', StringComparison.Ordinal);
        var workload = Get("source_workload");
        var kindEnd = workload.IndexOf('/', StringComparison.Ordinal);
        return new InboundKey(
            slash > 0 ? identity[..slash] : "unknown",
            kindEnd > 0 ? workload[..kindEnd] : "unknown",
            kindEnd > 0 && kindEnd < workload.Length - 1 ? workload[(kindEnd + 1)..] : "unknown",
            Get("source_pod"),
            Get("destination_service"),
            Get("backend"));
    }

    private static bool TryParseLe(string text, out double le)
    {
        if (text == "+Inf")
        {
            le = double.PositiveInfinity;
            return true;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out le);
    }
}
