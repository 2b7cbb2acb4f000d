using System.Text.Json.Serialization;

namespace Smi.TrafficMetrics.Api;

/// <summary><c>metrics.smi-spec.io/v1alpha1</c> TrafficMetrics.</summary>
internal sealed record TrafficMetricsItem
{
    [JsonPropertyName("kind")]
    public string Kind => "TrafficMetrics";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion => TrafficMetricsApi.GroupVersion;

    [JsonPropertyName("metadata")]
    public required ItemMeta Metadata { get; init; }

    [JsonPropertyName("resource")]
    public required ObjectReference Resource { get; init; }

    [JsonPropertyName("edge")]
    public required TrafficMetricsEdge Edge { get; init; }

    [JsonPropertyName("timestamp")]
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>A Go duration, e.g. <c>30s</c>.</summary>
    [JsonPropertyName("window")]
    public required string Window { get; init; }

    [JsonPropertyName("metrics")]
    public required IReadOnlyList<TrafficMetric> Metrics { get; init; }

    [JsonPropertyName("backend")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TrafficMetricsBackend? Backend { get; init; }
}
