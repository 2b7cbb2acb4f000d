using System.Text.Json.Serialization;

namespace Smi.Api.Versions.Policy.V1Alpha1;

/// <summary><c>spec.targetRef</c>.</summary>
public sealed class PolicyTargetRef
{
    /// <summary>Must be <c>Service</c>.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary>The Service name, in the policy's namespace.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }
}
