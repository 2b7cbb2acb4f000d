namespace Smi.ProxyConfig;

/// <summary>Answer <paramref name="Percent"/> % of requests with <paramref name="StatusCode"/> (200..599).</summary>
public sealed record AbortFault(double Percent, int StatusCode);
