using System.Text.Json.Serialization;

namespace Smi.TrafficMetrics.Api;

/// <summary><c>metrics.smi-spec.io/v1alpha1</c> TrafficMetricsList.</summary>
internal sealed record TrafficMetricsList
{
    [JsonPropertyName("kind")]
    public string Kind => "TrafficMetricsList";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion => TrafficMetricsApi.GroupVersion;

    [JsonPropertyName("metadata")]
    public required ListMeta Metadata { get; init; }

    [JsonPropertyName("resource")]
    public required ObjectReference Resource { get; init; }

    [JsonPropertyName("items")]
    public required IReadOnlyList<TrafficMetricsItem> Items { get; init; }
}
