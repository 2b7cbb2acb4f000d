namespace Smi.Testing;

/// <summary>Paths to repository assets, found by walking up from the test assembly to the folder holding SmiOperator.sln.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The repository root.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>
    /// The SMI spec examples (<c>../shared/smi/examples</c> from the repository root), or null when
    /// absent: tests that need them must skip and say so.
    /// </summary>
    public static string? SmiExamples
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "smi", "examples"));
            return Directory.Exists(path) ? path : null;
        }
    }

    /// <summary>The project's own samples (config/samples).</summary>
    public static string Samples => Path.Combine(Root, "config", "samples");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmiOperator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"SmiOperator.sln not found above {AppContext.BaseDirectory}");
    }
}
