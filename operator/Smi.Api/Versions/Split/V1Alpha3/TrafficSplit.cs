using System.Text.Json.Serialization;
using Smi.Api.Versions.Common;

namespace Smi.Api.Versions.Split.V1Alpha3;

/// <summary>split.smi-spec.io/v1alpha3 TrafficSplit.</summary>
public sealed class TrafficSplit : SmiResource
{
    /// <summary>This type's apiVersion.</summary>
    public const string ApiVersionValue = "split.smi-spec.io/v1alpha3";

    /// <summary>The split.</summary>
    [JsonPropertyName("spec")]
    public TrafficSplitSpec? Spec { get; set; }
}
