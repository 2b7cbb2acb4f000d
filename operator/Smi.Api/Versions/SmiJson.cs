using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;

namespace Smi.Api.Versions;

/// <summary>
/// Serializer options for the SMI wire types: camelCase, case-sensitive names like the API server,
/// no lenient number parsing, nulls omitted, and KubernetesClient's date and time converters so that
/// <c>metadata</c> and condition timestamps read and write in Kubernetes' RFC 3339 form.
/// </summary>
public static class SmiJson
{
    /// <summary>The shared, read-only options.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.Strict,
            PropertyNameCaseInsensitive = false,
        };
        options.Converters.Add(new KubernetesJson.KubernetesDateTimeConverter());
        options.Converters.Add(new KubernetesJson.KubernetesDateTimeOffsetConverter());
        options.Converters.Add(new KubernetesJson.Iso8601TimeSpanConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
