using System.Text.Json.Serialization;
using Smi.Api.Versions.Common;

namespace Smi.Api.Versions.Policy.V1Alpha1;

/// <summary>policy.smi-operator.io/v1alpha1 TrafficPolicy.</summary>
public sealed class TrafficPolicy : SmiResource
{
    /// <summary>This type's apiVersion.</summary>
    public const string ApiVersionValue = "policy.smi-operator.io/v1alpha1";

    /// <summary>The policy.</summary>
    [JsonPropertyName("spec")]
    public TrafficPolicySpec? Spec { get; set; }
}
