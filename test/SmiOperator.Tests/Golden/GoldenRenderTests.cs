using Smi.Testing;
using SmiOperator.Cli;

namespace SmiOperator.Tests.Golden;

/// <summary>
/// One folder per SMI scenario under Golden/cases/&lt;case&gt;/: input manifests in, expected
/// per-identity ProxyConfig JSON and diagnostics out, through the real `render` verb. Regenerate
/// the expectations with SMI_UPDATE_GOLDEN=1 after an intended change, and review the diff.
/// </summary>
public sealed class GoldenRenderTests
{
    private static readonly string Cases = Path.Combine(RepoPaths.Root, "test", "SmiOperator.Tests", "Golden", "cases");

    public static TheoryData<string> AllCases() => [.. Directory.GetDirectories(Cases).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(AllCases))]
    public async Task Render_Case_MatchesGolden(string name)
    {
        var input = Path.Combine(Cases, name, "input");
        var expected = Path.Combine(Cases, name, "expected");
        var actual = Path.Combine(Path.GetTempPath(), $"smi-golden-{name}-{Guid.NewGuid():N}");
        try
        {
            var exit = await CliApp.BuildRoot().Parse(["render", input, "--out", actual]).InvokeAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var exitFile = Path.Combine(Cases, name, "exit-code");
            Assert.Equal(File.Exists(exitFile) ? int.Parse(File.ReadAllText(exitFile).Trim(), System.Globalization.CultureInfo.InvariantCulture) : 0, exit);
            Normalize(actual, input);

            if (Environment.GetEnvironmentVariable("SMI_UPDATE_GOLDEN") == "1")
            {
                if (Directory.Exists(expected))
                {
                    Directory.Delete(expected, recursive: true);
                }

                CopyTree(actual, expected);
                return;
            }

            Assert.True(Directory.Exists(expected), $"no expectations for {name}: run with SMI_UPDATE_GOLDEN=1 and review them");
            var expectedFiles = Files(expected);
            var actualFiles = Files(actual);
            Assert.Equal(expectedFiles.Keys, actualFiles.Keys);
            foreach (var (file, text) in expectedFiles)
            {
                Assert.True(text == actualFiles[file], $"{name}/{file} differs from the golden file; run with SMI_UPDATE_GOLDEN=1 to see the diff in git");
            }
        }
        finally
        {
            if (Directory.Exists(actual))
            {
                Directory.Delete(actual, recursive: true);
            }
        }
    }

    // Manifest problems name files relative to the working directory; make that machine-independent.
    private static void Normalize(string output, string input)
    {
        var diagnostics = Path.Combine(output, "diagnostics.txt");
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, input);
        File.WriteAllText(diagnostics, File.ReadAllText(diagnostics).Replace(relative, "$INPUT", StringComparison.Ordinal));
    }

    private static SortedDictionary<string, string> Files(string root) => new(
        Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText),
        StringComparer.Ordinal);

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith('.')))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
