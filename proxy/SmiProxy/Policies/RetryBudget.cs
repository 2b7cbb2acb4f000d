using System.Diagnostics;

namespace SmiProxy.Policies;

/// <summary>
/// Retries may add at most a percentage of the requests seen in the current 10-second window (at
/// least one retry per window, so a quiet service can still retry). Cheap and lock-free; a window
/// boundary may let a few extra retries through, never a retry storm.
/// </summary>
internal sealed class RetryBudget(int percent)
{
    private static readonly long WindowTicks = Stopwatch.Frequency * 10;
    private long _windowStart = Stopwatch.GetTimestamp();
    private long _requests;
    private long _retries;

    public int Percent => percent;

    public void OnRequest()
    {
        Roll();
        Interlocked.Increment(ref _requests);
    }

    public bool TryRetry()
    {
        Roll();
        var allowed = Math.Max(1, Interlocked.Read(ref _requests) * percent / 100);
        if (Interlocked.Increment(ref _retries) <= allowed)
        {
            return true;
        }

        Interlocked.Decrement(ref _retries);
        return false;
    }

    private void Roll()
    {
        var start = Interlocked.Read(ref _windowStart);
        var now = Stopwatch.GetTimestamp();
        if (now - start > WindowTicks && Interlocked.CompareExchange(ref _windowStart, now, start) == start)
        {
            Interlocked.Exchange(ref _requests, 0);
            Interlocked.Exchange(ref _retries, 0);
        }
    }
}
