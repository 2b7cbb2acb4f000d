using System.Text.Json.Serialization;

namespace Smi.Api.Versions.Specs.V1Alpha1;

/// <summary>A named HTTP match of a v1alpha1 HTTPRouteGroup; every condition present must hold.</summary>
public sealed class HttpMatch
{
    /// <summary>The match's name: what TrafficTarget rules select.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Path regex, anchored at the start of the path.</summary>
    [JsonPropertyName("pathRegex")]
    public string? PathRegex { get; set; }

    /// <summary>HTTP methods, or <c>*</c> for all.</summary>
    [JsonPropertyName("methods")]
    public IList<string>? Methods { get; set; }
}
