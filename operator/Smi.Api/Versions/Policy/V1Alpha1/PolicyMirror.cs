using System.Text.Json.Serialization;

namespace Smi.Api.Versions.Policy.V1Alpha1;

/// <summary><c>spec.mirror</c>.</summary>
public sealed class PolicyMirror
{
    /// <summary>The mirror Service.</summary>
    [JsonPropertyName("service")]
    public string? Service { get; set; }

    /// <summary>The mirror's port; absent means the request's port.</summary>
    [JsonPropertyName("port")]
    public int? Port { get; set; }

    /// <summary>Share of requests copied, 0 &lt; percent &lt;= 100.</summary>
    [JsonPropertyName("percent")]
    public double? Percent { get; set; }

    /// <summary>In-flight mirror requests per proxy (default 32).</summary>
    [JsonPropertyName("maxConcurrent")]
    public int? MaxConcurrent { get; set; }
}
