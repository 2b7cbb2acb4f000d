using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Smi.Api.Versions.Common;

/// <summary>
/// access.smi-spec.io v1alpha1/v1alpha2 <c>destination.port</c>: an integer, or a numeric string
/// (the conformance suite writes <c>"9091"</c>). Range checks are validation's job.
/// </summary>
public sealed class PortJsonConverter : JsonConverter<int>
{
    /// <inheritdoc />
    public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var port))
        {
            return port;
        }

        if (reader.TokenType == JsonTokenType.String
            && int.TryParse(reader.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out port))
        {
            return port;
        }

        var got = JsonTokenText.Describe(ref reader);
        JsonTokenText.SkipValue(ref reader);
        throw new JsonException($"expected a port number (1-65535), got {got}");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value);
    }
}
