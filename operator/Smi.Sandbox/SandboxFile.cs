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
}
