using System.Text.Json.Serialization;

namespace Smi.Sandbox;

/// <summary>The whole of <c>sandbox.json</c>.</summary>
internal sealed record SandboxFile
{
    [JsonPropertyName("folder")]
    public required string Folder { get; init; }

    [JsonPropertyName("state")]
    public required string State { get; init; }

    [JsonPropertyName("pods")]
    public required IReadOnlyList<SandboxPod> Pods { get; init; }

    /// <summary>netns node only: the node's network namespace (kube-proxy's rules; where probes come from).</summary>
    [JsonPropertyName("node")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Node { get; init; }

    /// <summary>netns node only: every Service with its ClusterIPs.</summary>
    [JsonPropertyName("services")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SandboxService>? Services { get; init; }
}
