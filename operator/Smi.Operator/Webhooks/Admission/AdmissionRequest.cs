using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Smi.Operator.Webhooks.Admission;

/// <summary>The part of an AdmissionRequest the webhooks read.</summary>
internal sealed class AdmissionRequest
{
    [JsonPropertyName("uid")]
    public string Uid { get; set; } = string.Empty;

    [JsonPropertyName("kind")]
    public GroupVersionKind? Kind { get; set; }

    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("operation")]
    public string? Operation { get; set; }

    [JsonPropertyName("object")]
    public JsonObject? Object { get; set; }

    [JsonPropertyName("dryRun")]
    public bool? DryRun { get; set; }
}
