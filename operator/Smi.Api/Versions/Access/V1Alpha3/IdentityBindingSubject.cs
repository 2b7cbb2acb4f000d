using System.Text.Json.Serialization;

namespace Smi.Api.Versions.Access.V1Alpha3;

/// <summary>A source or destination identity of a v1alpha3 TrafficTarget (kind <c>ServiceAccount</c>).</summary>
public sealed class IdentityBindingSubject
{
    /// <summary>The identity kind; SMI defines only <c>ServiceAccount</c>.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary>The ServiceAccount name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The ServiceAccount's namespace.</summary>
    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }
}
