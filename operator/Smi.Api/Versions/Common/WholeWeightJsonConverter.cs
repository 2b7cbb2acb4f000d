using System.Text.Json;
using System.Text.Json.Serialization;

namespace Smi.Api.Versions.Common;

/// <summary>
/// A split.smi-spec.io v1alpha2+ weight: a JSON integer. A fraction gets an error that says why,
/// instead of System.Text.Json's generic conversion failure.
/// </summary>
public sealed class WholeWeightJsonConverter : JsonConverter<long>
{
    /// <inheritdoc />
    public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetInt64(out var whole))
            {
                return whole;
            }

            var text = JsonTokenText.Describe(ref reader);
            if (reader.TryGetDecimal(out var number) && number == decimal.Truncate(number) && number is >= long.MinValue and <= long.MaxValue)
            {
                // 10.0 or 1e2: a whole number in another notation.
                return (long)number;
            }

            if (reader.TryGetDecimal(out number) && number != decimal.Truncate(number))
            {
                throw new JsonException($"expected a whole number, got {text}: split.smi-spec.io v1alpha2 and later weights are whole numbers (only their ratio matters, so scale all weights up, or use v1alpha1 quantities such as 500m)");
            }

            throw new JsonException($"expected a whole number, got {text}, which is too large");
        }

        var got = JsonTokenText.Describe(ref reader);
        JsonTokenText.SkipValue(ref reader);
        throw new JsonException($"expected a whole number, got {got}");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value);
    }
}
