namespace SmiProxy.Routing;

/// <summary>
/// nginx's smooth weighted round-robin over a route's backends: exact over short windows (weights
/// 9/1 give exactly 9:1 in every 10 consecutive picks, interleaved rather than in bursts), and a
/// zero weight is never picked. One SWRR period is Σweights picks long, so for the usual small
/// reduced weights the whole period is precomputed and a pick is one interlocked increment;
/// larger sums fall back to the classic algorithm under a short lock.
/// </summary>
internal sealed class SmoothWeightedRoundRobin
{
    /// <summary>Longest period that is precomputed (weights are GCD-reduced, so real splits are far shorter).</summary>
    public const int MaxPrecomputedPeriod = 4096;

    private readonly int[]? _sequence;
    private readonly long[] _weights;
    private readonly long[]? _current;
    private readonly long _total;
    private long _counter = -1;

    public SmoothWeightedRoundRobin(IReadOnlyList<long> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0 || weights.Any(w => w < 0) || weights.All(w => w == 0))
        {
            throw new ArgumentException("Weights must be non-negative with at least one positive.", nameof(weights));
        }

        _weights = [.. weights];
        _total = weights.Sum();
        if (_total <= MaxPrecomputedPeriod)
        {
            _sequence = BuildPeriod(_weights, (int)_total);
        }
        else
        {
            _current = new long[_weights.Length];
        }
    }

    /// <summary>The weights, in backend order.</summary>
    public IReadOnlyList<long> Weights => _weights;

    /// <summary>Returns the index of the next backend. Thread-safe.</summary>
    public int Next()
    {
        if (_sequence is { } sequence)
        {
            var n = (ulong)Interlocked.Increment(ref _counter);
            return sequence[(int)(n % (ulong)sequence.Length)];
        }

        lock (_current!)
        {
            return Step(_weights, _current, _total);
        }
    }

    private static int[] BuildPeriod(long[] weights, int period)
    {
        var current = new long[weights.Length];
        var sequence = new int[period];
        for (var i = 0; i < period; i++)
        {
            sequence[i] = Step(weights, current, period);
        }

        return sequence;
    }

    private static int Step(long[] weights, long[] current, long total)
    {
        var best = -1;
        for (var i = 0; i < weights.Length; i++)
        {
            if (weights[i] == 0)
            {
                continue;
            }

            current[i] += weights[i];
            if (best < 0 || current[i] > current[best])
            {
                best = i;
            }
        }

        current[best] -= total;
        return best;
    }
}
