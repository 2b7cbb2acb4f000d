using System.Text.Json.Serialization;

namespace Smi.Sandbox;

/// <summary>One simulated pod as listed in <c>sandbox.json</c>: a contract for scripts and tests.</summary>
internal sealed record SandboxPod
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("namespace")]
    public required string Namespace { get; init; }

    [JsonPropertyName("serviceAccount")]
    public required string ServiceAccount { get; init; }

    [JsonPropertyName("workload")]
    public string? Workload { get; init; }

    [JsonPropertyName("address")]
    public required string Address { get; init; }

    /// <summary>Container ports the echo app listens on.</summary>
    [JsonPropertyName("ports")]
    public required IReadOnlyList<int> Ports { get; init; }

    /// <summary>The proxy's outbound listener: use it as HTTP proxy to send <i>from</i> this pod.</summary>
    [JsonPropertyName("outbound")]
    public required string Outbound { get; init; }

    /// <summary>The proxy's inbound listener (mTLS; plaintext only when permissive).</summary>
    [JsonPropertyName("inbound")]
    public required string Inbound { get; init; }

    /// <summary>The proxy's admin listener: /ready, /config, /metrics.</summary>
    [JsonPropertyName("admin")]
    public required string Admin { get; init; }
}
