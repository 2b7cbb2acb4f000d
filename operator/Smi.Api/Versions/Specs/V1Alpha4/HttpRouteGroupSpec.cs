using System.Text.Json.Serialization;

namespace Smi.Api.Versions.Specs.V1Alpha4;

/// <summary>The spec of a v1alpha4 HTTPRouteGroup.</summary>
public sealed class HttpRouteGroupSpec
{
    /// <summary>The named matches.</summary>
    [JsonPropertyName("matches")]
    public IList<HttpMatch>? Matches { get; set; }
}
