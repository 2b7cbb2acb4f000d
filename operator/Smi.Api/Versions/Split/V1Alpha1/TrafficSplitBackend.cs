using System.Text.Json.Serialization;
using k8s.Models;
using Smi.Api.Versions.Common;

namespace Smi.Api.Versions.Split.V1Alpha1;

/// <summary>A weighted backend of a v1alpha1 TrafficSplit.</summary>
public sealed class TrafficSplitBackend
{
    /// <summary>The backend Service, in the split's namespace.</summary>
    [JsonPropertyName("service")]
    public string? Service { get; set; }

    /// <summary>A Kubernetes quantity (<c>1</c> = <c>1000m</c>); written as an int or a string.</summary>
    [JsonPropertyName("weight")]
    [JsonRequired]
    [JsonConverter(typeof(QuantityJsonConverter))]
    public ResourceQuantity Weight { get; set; } = new(0, 0, ResourceQuantity.SuffixFormat.DecimalSI);
}
