using System.Text.Json;
using System.Text.Json.Serialization;

namespace Smi.ProxyConfig;

/// <summary>
/// A <see cref="ServiceKey"/> on the wire: the JSON string <c>name.namespace</c>, as the contract
/// has always written it. Anything else is a parse error, so a document never carries a Service
/// the proxy would have to guess at.
/// </summary>
public sealed class ServiceKeyJsonConverter : JsonConverter<ServiceKey>
{
    /// <inheritdoc />
    public override ServiceKey Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a Service as a \"name.namespace\" string, found {reader.TokenType}");
        }

        var text = reader.GetString();
        return ServiceKey.TryParse(text, out var key) ? key : throw new JsonException($"\"{text}\" is not a Service as \"name.namespace\"");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ServiceKey value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
