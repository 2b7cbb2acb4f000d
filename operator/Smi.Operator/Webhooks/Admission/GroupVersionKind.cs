using System.Text.Json.Serialization;

namespace Smi.Operator.Webhooks.Admission;

/// <summary>group/version/kind of the object under review.</summary>
internal sealed class GroupVersionKind
{
    [JsonPropertyName("group")]
    public string Group { get; set; } = string.Empty;

    [JsonPropertyName("version")]
    public string Version { get; set; } = string.Empty;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = string.Empty;
}
