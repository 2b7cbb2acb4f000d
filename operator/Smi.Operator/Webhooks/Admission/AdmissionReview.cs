using System.Text.Json.Serialization;

namespace Smi.Operator.Webhooks.Admission;

/// <summary>admission.k8s.io/v1 AdmissionReview: the request the API server sends and the response it expects.</summary>
internal sealed class AdmissionReview
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "admission.k8s.io/v1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "AdmissionReview";

    [JsonPropertyName("request")]
    public AdmissionRequest? Request { get; set; }

    [JsonPropertyName("response")]
    public AdmissionResponse? Response { get; set; }
}
