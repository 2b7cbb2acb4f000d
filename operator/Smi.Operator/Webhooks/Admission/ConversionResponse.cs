using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Smi.Operator.Webhooks.Admission;

internal sealed class ConversionResponse
{
    [JsonPropertyName("uid")]
    public string Uid { get; set; } = string.Empty;

    [JsonPropertyName("convertedObjects")]
    public List<JsonObject> ConvertedObjects { get; set; } = [];

    [JsonPropertyName("result")]
    public ConversionResult Result { get; set; } = new();
}
