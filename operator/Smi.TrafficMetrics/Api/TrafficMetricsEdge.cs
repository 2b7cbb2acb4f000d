using System.Text.Json.Serialization;

namespace Smi.TrafficMetrics.Api;

/// <summary>Which traffic an item covers: <c>direction</c> to|from the edge resource, measured on the client or server <c>side</c>.</summary>
internal sealed record TrafficMetricsEdge(
    [property: JsonPropertyName("direction")] string Direction,
    [property: JsonPropertyName("side")] string Side,
    [property: JsonPropertyName("resource")] ObjectReference Resource);
