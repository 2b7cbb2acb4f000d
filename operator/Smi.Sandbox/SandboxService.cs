using System.Text.Json.Serialization;

namespace Smi.Sandbox;

/// <summary>A Service as listed in <c>sandbox.json</c> by the netns node: its ClusterIPs and ports.</summary>
internal sealed record SandboxService
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("namespace")]
    public required string Namespace { get; init; }

    [JsonPropertyName("clusterIP")]
    public required string ClusterIp { get; init; }

    [JsonPropertyName("clusterIPv6")]
    public required string ClusterIpv6 { get; init; }

    [JsonPropertyName("ports")]
    public required IReadOnlyList<int> Ports { get; init; }
}
