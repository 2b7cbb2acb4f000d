using System.Collections.Immutable;

namespace Smi.TrafficMetrics;

/// <summary>
/// Counts of one <see cref="InboundKey"/> at one pod: successes, failures (5xx), and the cumulative
/// latency histogram (upper bound in ms → requests at most that long; the last bound is +Inf).
/// Cumulative since the proxy started when read from a scrape; a difference when in a <see cref="TrafficWindow"/>.
/// </summary>
internal sealed record InboundSeries(InboundKey Key, double Success, double Failure, ImmutableArray<(double Le, double Count)> Buckets)
{
    /// <summary>This minus an earlier reading; a counter that went down means the proxy restarted, so the later value is the delta.</summary>
    public InboundSeries Minus(InboundSeries earlier)
    {
        var reset = Success < earlier.Success || Failure < earlier.Failure
            || Buckets.Length != earlier.Buckets.Length
            || Buckets.Zip(earlier.Buckets).Any(p => p.First.Le != p.Second.Le || p.First.Count < p.Second.Count);
        return reset
            ? this
            : this with
            {
                Success = Success - earlier.Success,
                Failure = Failure - earlier.Failure,
                Buckets = [.. Buckets.Zip(earlier.Buckets, (now, then) => (now.Le, now.Count - then.Count))],
            };
    }
}
