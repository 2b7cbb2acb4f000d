using System.Globalization;
using Smi.Core.Cluster;
using Smi.Core.Compilation;
using Smi.Manifests;
using Smi.ProxyConfig;
using Smi.Testing;

namespace Smi.Core.Tests.Golden;

/// <summary>
/// One folder per SMI scenario under Golden/cases/&lt;case&gt;/: input manifests in, expected
/// per-identity ProxyConfig JSON (<c>&lt;namespace&gt;/&lt;serviceaccount&gt;.json</c>) and
/// <c>diagnostics.txt</c> out, compiled by <see cref="MeshCompiler"/> itself from the snapshot the
/// manifests make. The files are what <c>render --out</c> writes (its own test checks one case);
/// <c>exit-code</c> holds 1 when a manifest cannot be used. Regenerate with SMI_UPDATE_GOLDEN=1
/// after an intended change, and review the diff.
/// </summary>
public sealed class GoldenCompileTests
{
    /// <summary>The cases folder (also read by the proxy's tests: whatever the compiler emits, the proxy accepts).</summary>
    public static readonly string Cases = Path.Combine(RepoPaths.Root, "test", "Smi.Core.Tests", "Golden", "cases");

    public static TheoryData<string> AllCases() => [.. Directory.GetDirectories(Cases).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Compile_Case_MatchesGolden(string name)
    {
        var input = Path.Combine(Cases, name, "input");
        var (objects, problems) = new ManifestFolder(input).Refresh();
        var (snapshot, _) = new LocalSnapshotBuilder().Build(objects, new MeshOptions { MeshUnlabelledNamespaces = true });

        var result = MeshCompiler.Compile(snapshot);

        var exitFile = Path.Combine(Cases, name, "exit-code");
        var expectedExit = File.Exists(exitFile) ? int.Parse(File.ReadAllText(exitFile).Trim(), CultureInfo.InvariantCulture) : 0;
        Assert.Equal(expectedExit, problems.Any(p => p.Severity == "error") ? 1 : 0);
        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // Manifest problems name files relative to the working directory; make that machine-independent.
            ["diagnostics.txt"] = DiagnosticsReport.Describe(result, problems).Replace(Path.GetRelativePath(Environment.CurrentDirectory, input), "$INPUT", StringComparison.Ordinal),
        };
        foreach (var (identity, config) in result.Configs)
        {
            files[$"{identity.Namespace}/{identity.ServiceAccount}.json"] = System.Text.Encoding.UTF8.GetString(ProxyConfigSerializer.SerializeIndented(config));
        }

        GoldenFiles.Match(name, files, Path.Combine(Cases, name, "expected"));
    }
}
