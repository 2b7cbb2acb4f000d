using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using Smi.Api.Versions.Common;

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
        const string Timestamp = "a timestamp (RFC 3339, e.g. 2024-01-02T03:04:05Z)";
        options.Converters.Add(new FriendlyErrorsConverter<DateTime>(new KubernetesJson.KubernetesDateTimeConverter(), Timestamp));
        options.Converters.Add(new FriendlyErrorsConverter<DateTimeOffset>(new KubernetesJson.KubernetesDateTimeOffsetConverter(), Timestamp));
        options.Converters.Add(new FriendlyErrorsConverter<TimeSpan>(new KubernetesJson.Iso8601TimeSpanConverter(), "a duration (ISO 8601, e.g. PT30S)"));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
