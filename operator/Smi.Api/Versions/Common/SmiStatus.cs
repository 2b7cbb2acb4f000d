using System.Text.Json.Serialization;
using k8s.Models;

namespace Smi.Api.Versions.Common;

/// <summary>
/// The status every served SMI version shares (our CRDs add a status subresource; the official ones
/// have none). The operator reports Accepted, ResolvedRefs and Programmed conditions here.
/// </summary>
public sealed class SmiStatus
{
    /// <summary>The <c>metadata.generation</c> the status describes.</summary>
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    /// <summary>Conditions in the standard <c>metav1.Condition</c> shape.</summary>
    [JsonPropertyName("conditions")]
    public IList<V1Condition>? Conditions { get; set; }
}
