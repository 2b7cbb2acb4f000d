using System.Text.Json.Serialization;
using Smi.Api.Versions.Common;

namespace Smi.Api.Versions.Specs.V1Alpha4;

/// <summary>specs.smi-spec.io/v1alpha4 HTTPRouteGroup: <c>spec.matches</c>.</summary>
public sealed class HttpRouteGroup : SmiResource
{
    /// <summary>This type's apiVersion.</summary>
    public const string ApiVersionValue = "specs.smi-spec.io/v1alpha4";

    /// <summary>The route group.</summary>
    [JsonPropertyName("spec")]
    public HttpRouteGroupSpec? Spec { get; set; }
}
