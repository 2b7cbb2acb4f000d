using System.Text.Json.Serialization;

namespace Smi.Operator.Webhooks.Admission;

/// <summary>metav1.Status subset for denials.</summary>
internal sealed class AdmissionStatus
{
    [JsonPropertyName("code")]
    public int Code { get; set; }

    [JsonPropertyName("reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; set; }

    [JsonPropertyName("message")]
    public string Message { get; set; } = string.Empty;
}
