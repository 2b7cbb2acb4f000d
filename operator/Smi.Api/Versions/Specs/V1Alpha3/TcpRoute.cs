using System.Text.Json.Serialization;
using Smi.Api.Versions.Common;

namespace Smi.Api.Versions.Specs.V1Alpha3;

/// <summary>specs.smi-spec.io/v1alpha3 TCPRoute: <c>spec: {}</c>; it admits every port of the destination.</summary>
public sealed class TcpRoute : SmiResource
{
    /// <summary>This type's apiVersion.</summary>
    public const string ApiVersionValue = "specs.smi-spec.io/v1alpha3";

    /// <summary>Always empty in this version.</summary>
    [JsonPropertyName("spec")]
    public TcpRouteSpec? Spec { get; set; }
}
