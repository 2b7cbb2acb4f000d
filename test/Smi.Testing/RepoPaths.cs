namespace Smi.Testing;

/// <summary>Locations in the repository and beside it, found by walking up to SmiOperator.sln.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SmiOperator.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException($"SmiOperator.sln not found above {AppContext.BaseDirectory}");
    });

    /// <summary>The repository root.</summary>
    public static string Root => RootPath.Value;

    /// <summary>The shared SMI examples folder beside the repository (absent in a user's clone).</summary>
    public static string SmiExamples => Path.GetFullPath(Path.Combine(Root, "..", "shared", "smi", "examples"));

    /// <summary>The project's own samples.</summary>
    public static string Samples => Path.Combine(Root, "config", "samples");
}
