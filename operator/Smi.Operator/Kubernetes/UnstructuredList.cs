using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Smi.Operator.Kubernetes;

/// <summary>A list of <see cref="UnstructuredObject"/>.</summary>
internal sealed class UnstructuredList : IKubernetesObject<V1ListMeta>, IItems<UnstructuredObject>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = string.Empty;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = string.Empty;

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<UnstructuredObject> Items { get; set; } = [];
}
