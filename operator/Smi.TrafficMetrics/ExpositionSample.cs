namespace Smi.TrafficMetrics;

/// <summary>One sample of the Prometheus text exposition format.</summary>
internal sealed record ExpositionSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
