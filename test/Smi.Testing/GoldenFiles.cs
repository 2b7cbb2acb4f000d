using Xunit;

namespace Smi.Testing;

/// <summary>
/// Compares a set of produced files with a golden folder, file by file, byte for byte. With
/// <c>SMI_UPDATE_GOLDEN=1</c> the golden folder is replaced by what was produced instead, for
/// review in git after an intended change. Files whose names start with a dot are ignored.
/// </summary>
public static class GoldenFiles
{
    /// <summary>True when the run should rewrite expectations rather than check them.</summary>
    public static bool Updating => Environment.GetEnvironmentVariable("SMI_UPDATE_GOLDEN") == "1";

    /// <summary>Every file under <paramref name="root"/> by its relative path with '/' separators.</summary>
    public static SortedDictionary<string, string> Read(string root) => new(
        Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText),
        StringComparer.Ordinal);

    /// <summary>Checks (or, when updating, writes) <paramref name="actual"/> against the folder <paramref name="expected"/>.</summary>
    public static void Match(string caseName, IReadOnlyDictionary<string, string> actual, string expected)
    {
        if (Updating)
        {
            if (Directory.Exists(expected))
            {
                Directory.Delete(expected, recursive: true);
            }

            foreach (var (file, text) in actual)
            {
                var target = Path.Combine(expected, file);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllText(target, text);
            }

            return;
        }

        Assert.True(Directory.Exists(expected), $"no expectations for {caseName}: run with SMI_UPDATE_GOLDEN=1 and review them");
        var golden = Read(expected);
        Assert.Equal(golden.Keys, actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (file, text) in golden)
        {
            Assert.True(text == actual[file], $"{caseName}/{file} differs from the golden file; run with SMI_UPDATE_GOLDEN=1 to see the diff in git");
        }
    }
}
