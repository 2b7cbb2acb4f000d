using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Smi.Api.Versions.Common;

/// <summary>
/// Base of every SMI wire type (one class per group, version and kind): the JSON shape the API
/// server and users speak. <c>apiVersion</c>, <c>kind</c>, <c>metadata</c> and the shared
/// <c>status</c> are common; each version adds its own fields.
/// </summary>
public abstract class SmiResource : IKubernetesObject<V1ObjectMeta>
{
    /// <summary><c>group/version</c>.</summary>
    [JsonPropertyName("apiVersion")]
    [JsonPropertyOrder(-4)]
    public string ApiVersion { get; set; } = string.Empty;

    /// <summary>The kind.</summary>
    [JsonPropertyName("kind")]
    [JsonPropertyOrder(-3)]
    public string Kind { get; set; } = string.Empty;

    /// <summary>Standard object metadata.</summary>
    [JsonPropertyName("metadata")]
    [JsonPropertyOrder(-2)]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>Status written by the operator through the status subresource.</summary>
    [JsonPropertyName("status")]
    [JsonPropertyOrder(100)]
    public SmiStatus? Status { get; set; }
}
