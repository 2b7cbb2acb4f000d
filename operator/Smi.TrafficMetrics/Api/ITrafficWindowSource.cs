namespace Smi.TrafficMetrics.Api;

/// <summary>The traffic of the current window (the collector; a fixed window in tests).</summary>
internal interface ITrafficWindowSource
{
    Task<TrafficWindow> WindowAsync(CancellationToken cancellationToken);
}
