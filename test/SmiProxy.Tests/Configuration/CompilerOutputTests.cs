using Smi.ProxyConfig;
using SmiProxy.Configuration;
using SmiProxy.Settings;

namespace SmiProxy.Tests.Configuration;

/// <summary>
/// Whatever the control plane's compiler emits, the proxy accepts: every golden ProxyConfig of the
/// operator's render tests must parse, validate and compile into the proxy's runtime structures.
/// </summary>
public sealed class CompilerOutputTests
{
    private static readonly SidecarProxyOptions Options = new() { ConfigDirectory = "/unused" };

    public static TheoryData<string> GoldenConfigs()
    {
        var data = new TheoryData<string>();
        var root = RepositoryRoot();
        var cases = root is null ? null : Path.Combine(root, "test", "Smi.Core.Tests", "Golden", "cases");
        if (cases is not null && Directory.Exists(cases))
        {
            foreach (var file in Directory.EnumerateFiles(cases, "*.json", SearchOption.AllDirectories).Where(f => f.Contains($"{Path.DirectorySeparatorChar}expected{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(root!, file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GoldenConfigs))]
    public void Compile_GoldenCompilerOutput_IsAccepted(string relativePath)
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepositoryRoot()!, relativePath));

        var document = ProxyConfigSerializer.TryDeserialize(bytes, out var error);
        Assert.True(document is not null, error);
        Assert.Empty(ProxyConfigValidator.Validate(document));
        var compiled = ConfigCompiler.Compile(document, document.Revision, relativePath, null, Options, DateTimeOffset.UnixEpoch);
        Assert.Equal(document.Outbound.Services.Length, compiled.Outbound.Services.Count);
        Assert.Equal(document.Outbound.Clusters.Length + 1 + compiled.AppPorts.Count, compiled.YarpClusters.Count);
    }

    [Fact]
    public void GoldenConfigs_ArePresentInThisRepository()
    {
        Assert.SkipWhen(RepositoryRoot() is null, "not running from a repository checkout");
        Assert.NotEmpty(GoldenConfigs());
    }

    private static string? RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SmiOperator.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
