using System.Text.Json.Serialization;
using Smi.Api.Versions.Common;

namespace Smi.Api.Versions.Split.V1Alpha2;

/// <summary>split.smi-spec.io/v1alpha2 TrafficSplit.</summary>
public sealed class TrafficSplit : SmiResource
{
    /// <summary>This type's apiVersion.</summary>
    public const string ApiVersionValue = "split.smi-spec.io/v1alpha2";

    /// <summary>The split.</summary>
    [JsonPropertyName("spec")]
    public TrafficSplitSpec? Spec { get; set; }
}
