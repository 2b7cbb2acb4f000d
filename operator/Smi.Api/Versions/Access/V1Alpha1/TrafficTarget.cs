using System.Text.Json.Serialization;
using Smi.Api.Versions.Common;

namespace Smi.Api.Versions.Access.V1Alpha1;

/// <summary>access.smi-spec.io/v1alpha1 TrafficTarget: no spec; <c>destination</c>, <c>specs</c> and <c>sources</c> sit at the top level.</summary>
public sealed class TrafficTarget : SmiResource
{
    /// <summary>This type's apiVersion.</summary>
    public const string ApiVersionValue = "access.smi-spec.io/v1alpha1";

    /// <summary>The identity being granted access to.</summary>
    [JsonPropertyName("destination")]
    public IdentityBindingSubject? Destination { get; set; }

    /// <summary>The routes allowed (later versions call these <c>rules</c>).</summary>
    [JsonPropertyName("specs")]
    public IList<TrafficTargetRule>? Specs { get; set; }

    /// <summary>The identities allowed.</summary>
    [JsonPropertyName("sources")]
    public IList<IdentityBindingSubject>? Sources { get; set; }
}
