using System.Text.Json.Serialization;

namespace Smi.Operator.Webhooks.Admission;

/// <summary>apiextensions.k8s.io/v1 ConversionReview: objects to convert to <c>desiredAPIVersion</c>.</summary>
internal sealed class ConversionReview
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "apiextensions.k8s.io/v1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "ConversionReview";

    [JsonPropertyName("request")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ConversionRequest? Request { get; set; }

    [JsonPropertyName("response")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ConversionResponse? Response { get; set; }
}
