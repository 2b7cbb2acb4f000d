namespace SmiProxy.Tests.Infrastructure;

/// <summary>A parsed sample of the Prometheus text exposition.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
