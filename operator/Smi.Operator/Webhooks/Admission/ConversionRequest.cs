using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Smi.Operator.Webhooks.Admission;

internal sealed class ConversionRequest
{
    [JsonPropertyName("uid")]
    public string Uid { get; set; } = string.Empty;

    [JsonPropertyName("desiredAPIVersion")]
    public string DesiredApiVersion { get; set; } = string.Empty;

    [JsonPropertyName("objects")]
    public List<JsonObject> Objects { get; set; } = [];
}
