using System.Collections.Immutable;
using Smi.Api.Validation;

namespace Smi.Api.Manifests;

/// <summary>
/// Loads manifests from files and folders (recursively: <c>*.yaml</c>, <c>*.yml</c>, <c>*.json</c>),
/// multi-document YAML and JSON alike. Bad input never throws: it comes back as findings with a
/// file, line and column.
/// </summary>
public static class ManifestLoader
{
    /// <summary>File name endings read from folders (a file named explicitly is read whatever its name).</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".yaml", ".yml", ".json"];

    /// <summary>The manifest files of <paramref name="path"/>: itself if a file, or every manifest file below it, sorted.</summary>
    public static IReadOnlyList<string> Expand(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (File.Exists(path))
        {
            return [path];
        }

        if (!Directory.Exists(path))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Loads every manifest file of every path (see <see cref="Expand"/>).</summary>
    public static IReadOnlyList<LoadedFile> Load(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return [.. paths.SelectMany(Expand).Distinct(StringComparer.Ordinal).Select(LoadFile)];
    }

    /// <summary>Loads one file.</summary>
    public static LoadedFile LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new LoadedFile(path, [], [new ManifestFinding(FindingSeverity.Error, string.Empty, $"cannot read the file: {ex.Message}", new SourcePosition(1, 1))]);
        }

        return LoadText(path, text);
    }

    /// <summary>Loads manifest text; <paramref name="file"/> names it in findings.</summary>
    public static LoadedFile LoadText(string file, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        IReadOnlyList<YamlDocument> documents;
        try
        {
            documents = YamlJsonReader.ReadAll(text);
        }
        catch (YamlSyntaxException ex)
        {
            return new LoadedFile(file, [], [new ManifestFinding(FindingSeverity.Error, string.Empty, ex.Message.StartsWith("malformed YAML", StringComparison.Ordinal) ? ex.Message : $"malformed YAML: {ex.Message}", ex.Position)]);
        }

        return new LoadedFile(file, [.. documents.SelectMany(d => DocumentReader.Read(file, d))], ImmutableArray<ManifestFinding>.Empty);
    }
}
