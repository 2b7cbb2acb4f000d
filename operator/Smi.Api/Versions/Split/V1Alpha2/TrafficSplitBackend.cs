using System.Text.Json.Serialization;
using Smi.Api.Versions.Common;

namespace Smi.Api.Versions.Split.V1Alpha2;

/// <summary>A weighted backend of a v1alpha2 TrafficSplit.</summary>
public sealed class TrafficSplitBackend
{
    /// <summary>The backend Service, in the split's namespace.</summary>
    [JsonPropertyName("service")]
    public string? Service { get; set; }

    /// <summary>A whole number; weights are relative (<c>w / sum(w)</c>).</summary>
    [JsonPropertyName("weight")]
    [JsonRequired]
    [JsonConverter(typeof(WholeWeightJsonConverter))]
    public long Weight { get; set; }
}
