using System.Text.Json.Serialization;
using Smi.Api.Versions.Common;

namespace Smi.Api.Versions.Specs.V1Alpha4;

/// <summary>specs.smi-spec.io/v1alpha4 UDPRoute: the destination ports it admits.</summary>
public sealed class UdpRoute : SmiResource
{
    /// <summary>This type's apiVersion.</summary>
    public const string ApiVersionValue = "specs.smi-spec.io/v1alpha4";

    /// <summary>The route.</summary>
    [JsonPropertyName("spec")]
    public L4RouteSpec? Spec { get; set; }
}
