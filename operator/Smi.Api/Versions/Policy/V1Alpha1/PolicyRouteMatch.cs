using System.Text.Json.Serialization;

namespace Smi.Api.Versions.Policy.V1Alpha1;

/// <summary>One entry of <c>spec.matches</c>.</summary>
public sealed class PolicyRouteMatch
{
    /// <summary>Must be <c>HTTPRouteGroup</c>.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary>The group's name, in the policy's namespace.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Names of matches in the group; absent means all of them.</summary>
    [JsonPropertyName("matches")]
    public IList<string?>? Matches { get; set; }
}
