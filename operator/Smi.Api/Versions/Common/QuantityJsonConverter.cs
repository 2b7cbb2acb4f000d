using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;
using Smi.Api.Conversion;

namespace Smi.Api.Versions.Common;

/// <summary>
/// A Kubernetes quantity written as a JSON number or string (<c>1</c>, <c>"500m"</c>, <c>10m</c>),
/// as split.smi-spec.io/v1alpha1 weights are. KubernetesClient's own converter reads strings only.
/// Written back in canonical form.
/// </summary>
public sealed class QuantityJsonConverter : JsonConverter<ResourceQuantity>
{
    /// <inheritdoc />
    public override ResourceQuantity? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (!reader.TryGetDecimal(out var number))
                {
                    throw new JsonException($"expected a Kubernetes quantity such as 1, 500m or 10m, got {JsonTokenText.Describe(ref reader)}, which is too large");
                }

                return new ResourceQuantity(number, 0, ResourceQuantity.SuffixFormat.DecimalSI);
            case JsonTokenType.String:
                var text = reader.GetString() ?? string.Empty;
                return QuantityFormat.TryParse(text, out _)
                    ? new ResourceQuantity(text.Trim())
                    : throw new JsonException($"expected a Kubernetes quantity such as 1, 500m or 10m, got \"{text}\"");
            default:
                var got = JsonTokenText.Describe(ref reader);
                JsonTokenText.SkipValue(ref reader);
                throw new JsonException($"expected a Kubernetes quantity such as 1, 500m or 10m, got {got}");
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ResourceQuantity value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(QuantityFormat.Canonical(value.ToDecimal()));
    }
}
