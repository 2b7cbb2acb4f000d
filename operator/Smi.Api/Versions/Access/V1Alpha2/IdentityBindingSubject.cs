using System.Text.Json.Serialization;
using Smi.Api.Versions.Common;

namespace Smi.Api.Versions.Access.V1Alpha2;

/// <summary>A source or destination identity of a v1alpha2 TrafficTarget (kind <c>ServiceAccount</c>).</summary>
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

    /// <summary>The destination port (int or numeric string); omitted means every port.</summary>
    [JsonPropertyName("port")]
    [JsonConverter(typeof(PortJsonConverter))]
    public int? Port { get; set; }
}
