using System.Text.Json.Serialization;
using Smi.Api.Versions.Common;

namespace Smi.Api.Versions.Access.V1Alpha2;

/// <summary>access.smi-spec.io/v1alpha2 TrafficTarget.</summary>
public sealed class TrafficTarget : SmiResource
{
    /// <summary>This type's apiVersion.</summary>
    public const string ApiVersionValue = "access.smi-spec.io/v1alpha2";

    /// <summary>The access grant.</summary>
    [JsonPropertyName("spec")]
    public TrafficTargetSpec? Spec { get; set; }
}
