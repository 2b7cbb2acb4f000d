namespace Smi.Operator.Control;

/// <summary>Reconcile pacing.</summary>
internal sealed record ControllerOptions
{
    /// <summary>Coalescing window after the first event of a batch (Istio uses 100 ms too).</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Full reconcile even without events, to heal drift.</summary>
    public TimeSpan Resync { get; init; } = TimeSpan.FromMinutes(5);
}
