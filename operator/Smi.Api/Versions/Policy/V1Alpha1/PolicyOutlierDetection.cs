using System.Text.Json.Serialization;

namespace Smi.Api.Versions.Policy.V1Alpha1;

/// <summary><c>spec.outlierDetection</c>.</summary>
public sealed class PolicyOutlierDetection
{
    /// <summary>Consecutive failures that eject an endpoint.</summary>
    [JsonPropertyName("consecutiveFailures")]
    public int? ConsecutiveFailures { get; set; }

    /// <summary>How long an endpoint stays ejected (Go-style duration).</summary>
    [JsonPropertyName("ejectionTime")]
    public string? EjectionTime { get; set; }
}
