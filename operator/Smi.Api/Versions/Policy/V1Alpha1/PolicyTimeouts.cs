using System.Text.Json.Serialization;

namespace Smi.Api.Versions.Policy.V1Alpha1;

/// <summary><c>spec.timeouts</c>.</summary>
public sealed class PolicyTimeouts
{
    /// <summary>Whole-request timeout (Go-style duration).</summary>
    [JsonPropertyName("request")]
    public string? Request { get; set; }

    /// <summary>Connect timeout (Go-style duration).</summary>
    [JsonPropertyName("connect")]
    public string? Connect { get; set; }
}
