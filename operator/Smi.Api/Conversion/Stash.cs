using System.Text.Json;
using Smi.Api.Versions;

namespace Smi.Api.Conversion;

/// <summary>Reads and writes the JSON payloads of <see cref="ConversionAnnotations"/>.</summary>
internal static class Stash
{
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, SmiJson.Options);

    /// <summary>Reads a stashed payload; a payload someone edited into garbage is an error naming the annotation.</summary>
    public static Result<T?> Read<T>(IReadOnlyDictionary<string, string> stash, string annotation)
    {
        if (!stash.TryGetValue(annotation, out var json))
        {
            return Result<T?>.Success(default);
        }

        try
        {
            return Result<T?>.Success(JsonSerializer.Deserialize<T>(json, SmiJson.Options));
        }
        catch (JsonException ex)
        {
            return Result<T?>.Failure($"annotation {annotation} is not what this operator wrote ({ex.Message}); remove it or restore its value", Path(annotation));
        }
    }

    public static string Path(string annotation) => $"metadata.annotations[\"{annotation}\"]";
}
