using System.Text.Json.Serialization;

namespace Smi.TrafficMetrics.Api;

/// <summary>The metadata of a TrafficMetrics item: named after its resource, timestamped with its window.</summary>
internal sealed record ItemMeta(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("namespace"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Namespace,
    [property: JsonPropertyName("creationTimestamp")] DateTimeOffset CreationTimestamp,
    [property: JsonPropertyName("selfLink")] string SelfLink);
