using System.Text.Json.Serialization;

namespace SmiOperator.Metrics.Api;

/// <summary>A core/v1 ObjectReference as TrafficMetrics uses it; an empty one (no kind) means "all traffic".</summary>
internal sealed record ObjectReference
{
    [JsonPropertyName("kind")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Kind { get; init; }

    [JsonPropertyName("namespace")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Namespace { get; init; }

    [JsonPropertyName("name")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    [JsonPropertyName("apiVersion")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ApiVersion { get; init; }
}

/// <summary>Which traffic an item covers: <c>direction</c> to|from the edge resource, measured on the client or server <c>side</c>.</summary>
internal sealed record TrafficMetricsEdge(
    [property: JsonPropertyName("direction")] string Direction,
    [property: JsonPropertyName("side")] string Side,
    [property: JsonPropertyName("resource")] ObjectReference Resource);

/// <summary>One metric: its name, unit (latencies: ms) and a Kubernetes Quantity value.</summary>
internal sealed record TrafficMetric(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("unit"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Unit,
    [property: JsonPropertyName("value")] string Value);

/// <summary>For TrafficSplit items: which backend of which apex, at which weight.</summary>
internal sealed record TrafficMetricsBackend(
    [property: JsonPropertyName("apex")] string Apex,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("weight")] decimal Weight);

internal sealed record ListMeta([property: JsonPropertyName("selfLink")] string SelfLink);

internal sealed record ItemMeta(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("namespace"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Namespace,
    [property: JsonPropertyName("creationTimestamp")] DateTimeOffset CreationTimestamp,
    [property: JsonPropertyName("selfLink")] string SelfLink);

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
