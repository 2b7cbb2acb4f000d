using System.Text.Json.Serialization;

namespace Smi.Api.Versions.Policy.V1Alpha1;

/// <summary>A caller identity of a rate limit.</summary>
public sealed class PolicySource
{
    /// <summary>Must be <c>ServiceAccount</c>.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary>ServiceAccount name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Namespace; absent means the policy's.</summary>
    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }
}
