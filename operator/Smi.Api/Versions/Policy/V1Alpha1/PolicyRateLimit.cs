using System.Text.Json.Serialization;

namespace Smi.Api.Versions.Policy.V1Alpha1;

/// <summary>One entry of <c>spec.rateLimits</c>.</summary>
public sealed class PolicyRateLimit
{
    /// <summary>Tokens per period.</summary>
    [JsonPropertyName("requests")]
    public int? Requests { get; set; }

    /// <summary>Go-style duration.</summary>
    [JsonPropertyName("period")]
    public string? Period { get; set; }

    /// <summary>Bucket size (default: requests).</summary>
    [JsonPropertyName("burst")]
    public int? Burst { get; set; }

    /// <summary>One bucket per caller identity (default true).</summary>
    [JsonPropertyName("perSource")]
    public bool? PerSource { get; set; }

    /// <summary>Callers this limit applies to; absent means every caller.</summary>
    [JsonPropertyName("sources")]
    public IList<PolicySource?>? Sources { get; set; }
}
