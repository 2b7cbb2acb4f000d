using System.Text.Json.Serialization;
using Smi.Api.Versions.Common;

namespace Smi.Api.Versions.Specs.V1Alpha2;

/// <summary>specs.smi-spec.io/v1alpha2 HTTPRouteGroup: <c>matches</c> sits at the top level (there is no spec).</summary>
public sealed class HttpRouteGroup : SmiResource
{
    /// <summary>This type's apiVersion.</summary>
    public const string ApiVersionValue = "specs.smi-spec.io/v1alpha2";

    /// <summary>The named matches.</summary>
    [JsonPropertyName("matches")]
    public IList<HttpMatch>? Matches { get; set; }
}
