using System.Text.Json.Serialization;

namespace Smi.TrafficMetrics.Api;

/// <summary>The metadata of a TrafficMetricsList.</summary>
internal sealed record ListMeta([property: JsonPropertyName("selfLink")] string SelfLink);
