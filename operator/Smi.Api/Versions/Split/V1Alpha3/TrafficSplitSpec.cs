using System.Text.Json.Serialization;
using k8s.Models;

namespace Smi.Api.Versions.Split.V1Alpha3;

/// <summary>The spec of a v1alpha3 TrafficSplit.</summary>
public sealed class TrafficSplitSpec
{
    /// <summary>The root (apex) Service clients address.</summary>
    [JsonPropertyName("service")]
    public string? Service { get; set; }

    /// <summary>The weighted backends.</summary>
    [JsonPropertyName("backends")]
    public IList<TrafficSplitBackend>? Backends { get; set; }

    /// <summary>HTTPRouteGroups whose matches the split applies to; unmatched requests go to the root Service.</summary>
    [JsonPropertyName("matches")]
    public IList<V1TypedLocalObjectReference>? Matches { get; set; }
}
