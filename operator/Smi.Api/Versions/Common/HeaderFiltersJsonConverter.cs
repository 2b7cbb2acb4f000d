using System.Text.Json;
using System.Text.Json.Serialization;
using Smi.Api.Model;

namespace Smi.Api.Versions.Common;

/// <summary>
/// Reads <c>headers</c> as a map (<c>{user-agent: ".*Firefox.*"}</c>, the spec documents and Go
/// types) or as a list of single-key maps (<c>[{user-agent: ".*Firefox.*"}]</c>, the official
/// sdk-go CRD schema); writes the form it was read in.
/// </summary>
public sealed class HeaderFiltersJsonConverter : JsonConverter<HeaderFilters>
{
    private const string Expected = "expected a map of header name to regex, or a list of such maps";

    /// <inheritdoc />
    public override HeaderFilters? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var filters = new HeaderFilters();
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                filters.Form = HeadersForm.Map;
                ReadMap(ref reader, filters.Entries);
                return filters;
            case JsonTokenType.StartArray:
                filters.Form = HeadersForm.List;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        var item = JsonTokenText.Describe(ref reader);
                        JsonTokenText.SkipValue(ref reader);
                        throw new JsonException($"{Expected}; a list item is {item}");
                    }

                    ReadMap(ref reader, filters.Entries);
                }

                return filters;
            default:
                var got = JsonTokenText.Describe(ref reader);
                throw new JsonException($"{Expected}, got {got}");
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, HeaderFilters value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Form == HeadersForm.List)
        {
            writer.WriteStartArray();
            foreach (var (name, regex) in value.Entries)
            {
                writer.WriteStartObject();
                writer.WriteString(name, regex);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            return;
        }

        writer.WriteStartObject();
        foreach (var (name, regex) in value.Entries)
        {
            writer.WriteString(name, regex);
        }

        writer.WriteEndObject();
    }

    private static void ReadMap(ref Utf8JsonReader reader, IList<KeyValuePair<string, string>> entries)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString() ?? string.Empty;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                var got = JsonTokenText.Describe(ref reader);
                JsonTokenText.SkipValue(ref reader);
                throw new JsonException($"expected a regex string for header \"{name}\", got {got}");
            }

            entries.Add(new KeyValuePair<string, string>(name, reader.GetString() ?? string.Empty));
        }
    }
}
