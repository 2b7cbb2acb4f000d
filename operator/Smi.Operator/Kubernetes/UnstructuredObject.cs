using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Smi.Operator.Kubernetes;

/// <summary>
/// A custom resource read without a compiled type: apiVersion, kind and metadata typed, the rest
/// kept as JSON. SMI objects travel this way until the API layer converts them to the hub model.
/// </summary>
internal sealed class UnstructuredObject : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = string.Empty;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = string.Empty;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonExtensionData]
    public Dictionary<string, JsonElement> Fields { get; set; } = [];

    /// <summary>The whole object as a JSON tree (a copy).</summary>
    public JsonObject ToJsonObject() => JsonNode.Parse(KubernetesJson.Serialize(this))!.AsObject();
}
