using System.Text.Json.Serialization;

namespace Smi.Api.Versions.Split.V1Alpha1;

/// <summary>The spec of a v1alpha1 TrafficSplit.</summary>
public sealed class TrafficSplitSpec
{
    /// <summary>The root (apex) Service clients address.</summary>
    [JsonPropertyName("service")]
    public string? Service { get; set; }

    /// <summary>The weighted backends.</summary>
    [JsonPropertyName("backends")]
    public IList<TrafficSplitBackend>? Backends { get; set; }
}
