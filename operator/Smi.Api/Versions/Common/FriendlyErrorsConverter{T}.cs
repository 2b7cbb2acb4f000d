using System.Text.Json;
using System.Text.Json.Serialization;

namespace Smi.Api.Versions.Common;

/// <summary>
/// Wraps a converter that reports bad values with <see cref="FormatException"/> or
/// <see cref="InvalidOperationException"/> (KubernetesClient's timestamp converters do) so that the
/// failure becomes a <see cref="JsonException"/>, which System.Text.Json locates with a path.
/// </summary>
/// <typeparam name="T">The converted type.</typeparam>
/// <param name="inner">The converter doing the work.</param>
/// <param name="expected">What a good value looks like, for the message.</param>
public sealed class FriendlyErrorsConverter<T>(JsonConverter<T> inner, string expected) : JsonConverter<T>
{
    /// <inheritdoc />
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var got = JsonTokenText.Describe(ref reader);
        try
        {
            return inner.Read(ref reader, typeToConvert, options);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or OverflowException or ArgumentException)
        {
            JsonTokenText.SkipValue(ref reader);
            throw new JsonException($"expected {expected}, got {got}", ex);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => inner.Write(writer, value, options);
}
