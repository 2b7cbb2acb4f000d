namespace Smi.ProxyConfig;

/// <summary>Delay <paramref name="Percent"/> % of requests by <paramref name="DelayMs"/> ms.</summary>
public sealed record DelayFault(double Percent, int DelayMs);
