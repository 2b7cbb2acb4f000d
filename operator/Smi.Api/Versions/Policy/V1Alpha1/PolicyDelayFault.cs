using System.Text.Json.Serialization;

namespace Smi.Api.Versions.Policy.V1Alpha1;

/// <summary><c>spec.faults.delay</c>.</summary>
public sealed class PolicyDelayFault
{
    /// <summary>Share of requests delayed.</summary>
    [JsonPropertyName("percent")]
    public double? Percent { get; set; }

    /// <summary>Go-style duration.</summary>
    [JsonPropertyName("fixedDelay")]
    public string? FixedDelay { get; set; }
}
