using System.Text.Json.Serialization;

namespace Smi.TrafficMetrics.Api;

/// <summary>One metric: its name, unit (latencies: ms) and a Kubernetes Quantity value.</summary>
internal sealed record TrafficMetric(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("unit"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Unit,
    [property: JsonPropertyName("value")] string Value);
