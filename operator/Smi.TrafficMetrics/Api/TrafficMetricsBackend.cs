using System.Text.Json.Serialization;

namespace Smi.TrafficMetrics.Api;

/// <summary>For TrafficSplit items: which backend of which apex, at which weight.</summary>
internal sealed record TrafficMetricsBackend(
    [property: JsonPropertyName("apex")] string Apex,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("weight")] decimal Weight);
