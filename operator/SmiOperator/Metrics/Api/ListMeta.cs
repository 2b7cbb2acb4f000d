using System.Text.Json.Serialization;

namespace SmiOperator.Metrics.Api;

/// <summary>The metadata of a TrafficMetricsList.</summary>
internal sealed record ListMeta([property: JsonPropertyName("selfLink")] string SelfLink);
