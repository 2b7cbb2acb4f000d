using System.Text.Json.Serialization;

namespace Smi.Api.Versions.Access.V1Alpha2;

/// <summary>The spec of a v1alpha2 TrafficTarget.</summary>
public sealed class TrafficTargetSpec
{
    /// <summary>The identity being granted access to.</summary>
    [JsonPropertyName("destination")]
    public IdentityBindingSubject? Destination { get; set; }

    /// <summary>The routes allowed.</summary>
    [JsonPropertyName("rules")]
    public IList<TrafficTargetRule>? Rules { get; set; }

    /// <summary>The identities allowed.</summary>
    [JsonPropertyName("sources")]
    public IList<IdentityBindingSubject>? Sources { get; set; }
}
