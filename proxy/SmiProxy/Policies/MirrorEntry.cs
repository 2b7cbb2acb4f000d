using SmiProxy.Clusters;

namespace SmiProxy.Policies;

/// <summary>
/// Where copies of requests go: the mirror Service's cluster (bound to YARP like any backend, so it
/// has the same endpoints, health and mTLS) and how many copies may be in flight at once.
/// </summary>
internal sealed class MirrorEntry
{
    private int _inFlight;

    public MirrorEntry(BackendEntry backend, double percent, int maxConcurrent)
    {
        Backend = backend;
        Percent = percent;
        MaxConcurrent = maxConcurrent;
    }

    public BackendEntry Backend { get; }

    public double Percent { get; }

    public int MaxConcurrent { get; }

    /// <summary>Takes a slot for one copy; false when <see cref="MaxConcurrent"/> copies are already in flight.</summary>
    public bool TryEnter()
    {
        if (Interlocked.Increment(ref _inFlight) <= MaxConcurrent)
        {
            return true;
        }

        Interlocked.Decrement(ref _inFlight);
        return false;
    }

    public void Exit() => Interlocked.Decrement(ref _inFlight);
}
