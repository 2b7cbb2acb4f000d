using System.Text.Json.Serialization;

namespace Smi.Api.Versions.Policy.V1Alpha1;

/// <summary><c>spec.faults.abort</c>.</summary>
public sealed class PolicyAbortFault
{
    /// <summary>Share of requests aborted.</summary>
    [JsonPropertyName("percent")]
    public double? Percent { get; set; }

    /// <summary>Status returned, 200..599.</summary>
    [JsonPropertyName("httpStatus")]
    public int? HttpStatus { get; set; }
}
