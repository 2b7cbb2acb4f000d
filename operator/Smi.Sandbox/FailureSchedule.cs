namespace Smi.Sandbox;

/// <summary>
/// Which requests an echo app fails, for a failure rate r: request n fails when ⌊n·r⌋ &gt; ⌊(n−1)·r⌋.
/// The failures are spread evenly, so every window of requests fails r of them to within one
/// request — a canary test can then check a measured success rate within a percent or two instead
/// of fighting binomial noise (a coin flip at 20% over 200 requests wanders ±6% at 2σ).
/// </summary>
internal sealed class FailureSchedule(double rate)
{
    private long _count;

    public double Rate { get; } = Math.Clamp(rate, 0, 1);

    /// <summary>Counts one request and says whether it fails. Thread-safe.</summary>
    public bool NextFails()
    {
        if (Rate <= 0)
        {
            return false;
        }

        var n = Interlocked.Increment(ref _count);
        return Math.Floor(n * Rate) > Math.Floor((n - 1) * Rate);
    }
}
