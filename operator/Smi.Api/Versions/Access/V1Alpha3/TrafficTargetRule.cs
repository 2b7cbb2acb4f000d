using System.Text.Json.Serialization;

namespace Smi.Api.Versions.Access.V1Alpha3;

/// <summary>A route reference of a v1alpha3 TrafficTarget, optionally narrowed to named matches.</summary>
public sealed class TrafficTargetRule
{
    /// <summary>The route kind: HTTPRouteGroup, TCPRoute or UDPRoute.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary>The route object's name, in the TrafficTarget's namespace.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Names of matches in an HTTPRouteGroup; omitted means all of them.</summary>
    [JsonPropertyName("matches")]
    public IList<string>? Matches { get; set; }
}
