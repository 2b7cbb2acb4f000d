using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SmiOperator.Webhooks.Admission;

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

internal sealed class ConversionRequest
{
    [JsonPropertyName("uid")]
    public string Uid { get; set; } = string.Empty;

    [JsonPropertyName("desiredAPIVersion")]
    public string DesiredApiVersion { get; set; } = string.Empty;

    [JsonPropertyName("objects")]
    public List<JsonObject> Objects { get; set; } = [];
}

internal sealed class ConversionResponse
{
    [JsonPropertyName("uid")]
    public string Uid { get; set; } = string.Empty;

    [JsonPropertyName("convertedObjects")]
    public List<JsonObject> ConvertedObjects { get; set; } = [];

    [JsonPropertyName("result")]
    public ConversionResult Result { get; set; } = new();
}

/// <summary>metav1.Status: Success, or Failure with a message the API server passes on.</summary>
internal sealed class ConversionResult
{
    [JsonPropertyName("status")]
    public string Status { get; set; } = "Success";

    [JsonPropertyName("message")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Message { get; set; }
}
