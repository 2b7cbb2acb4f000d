using System.Text.Json.Serialization;
using Smi.Api.Versions.Common;

namespace Smi.Api.Versions.Access.V1Alpha3;

/// <summary>access.smi-spec.io/v1alpha3 TrafficTarget.</summary>
public sealed class TrafficTarget : SmiResource
{
    /// <summary>This type's apiVersion.</summary>
    public const string ApiVersionValue = "access.smi-spec.io/v1alpha3";

    /// <summary>The access grant.</summary>
    [JsonPropertyName("spec")]
    public TrafficTargetSpec? Spec { get; set; }
}
