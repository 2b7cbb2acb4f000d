namespace Smi.TrafficMetrics;

/// <summary>
/// A quantile of a cumulative histogram, computed as Prometheus' histogram_quantile does: find the
/// bucket holding the rank and interpolate linearly inside it (from 0 for the first bucket); a rank
/// in the +Inf bucket answers the highest finite bound. Null without observations.
/// </summary>
internal static class LatencyQuantile
{
    public static double? Of(double quantile, IReadOnlyList<(double Le, double Count)> buckets)
    {
        if (buckets.Count == 0 || !double.IsPositiveInfinity(buckets[^1].Le) || buckets[^1].Count <= 0)
        {
            return null;
        }

        var rank = quantile * buckets[^1].Count;
        for (var i = 0; i < buckets.Count; i++)
        {
            if (buckets[i].Count < rank)
            {
                continue;
            }

            if (double.IsPositiveInfinity(buckets[i].Le))
            {
                return i == 0 ? null : buckets[i - 1].Le;
            }

            var start = i == 0 ? 0 : buckets[i - 1].Le;
            var countBefore = i == 0 ? 0 : buckets[i - 1].Count;
            var inBucket = buckets[i].Count - countBefore;
            return inBucket <= 0 ? buckets[i].Le : start + ((buckets[i].Le - start) * ((rank - countBefore) / inBucket));
        }

        return null;
    }

    /// <summary>Adds histograms bucket by bucket (every proxy uses the same bounds).</summary>
    public static List<(double Le, double Count)> Merge(IEnumerable<IReadOnlyList<(double Le, double Count)>> histograms)
    {
        var total = new SortedDictionary<double, double>();
        foreach (var histogram in histograms)
        {
            foreach (var (le, count) in histogram)
            {
                total[le] = total.GetValueOrDefault(le) + count;
            }
        }

        return [.. total.Select(kv => (kv.Key, kv.Value))];
    }
}
