using System.Text.Json.Serialization;

namespace Smi.Operator.Webhooks.Admission;

/// <summary>metav1.Status: Success, or Failure with a message the API server passes on.</summary>
internal sealed class ConversionResult
{
    [JsonPropertyName("status")]
    public string Status { get; set; } = "Success";

    [JsonPropertyName("message")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Message { get; set; }
}
