namespace Smi.Api.Model;

/// <summary>Passive health checks of the target Service's endpoints.</summary>
/// <param name="ConsecutiveFailures">Consecutive failures that eject an endpoint.</param>
/// <param name="EjectionTime">How long it stays out, as written (Go duration).</param>
public sealed record PolicyOutlierDetection(int? ConsecutiveFailures, string? EjectionTime);
