using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Smi.Testing;
using Smi.Testing.Tools;

namespace Smi.Install.Tests.Support;

/// <summary>
/// Renders kustomizations with the real <c>kubectl kustomize</c>, once per folder per test run.
/// Without kubectl on PATH the tests are skipped, unless SMI_REQUIRE_KUBECTL=1 (CI) makes that a failure.
/// </summary>
internal static class Kustomize
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Renders = new(StringComparer.Ordinal);

    /// <summary>The rendered YAML of a folder relative to the repository root ("." for the root).</summary>
    public static async Task<string> RenderYamlAsync(string relativeDirectory)
    {
        RequireKubectl();
        var directory = Path.GetFullPath(Path.Combine(RepoPaths.Root, relativeDirectory));
        var render = Renders.GetOrAdd(directory, d => new Lazy<Task<string>>(() => Kubectl.KustomizeAsync(d, Timeout)));
        return await render.Value.WaitAsync(Timeout + TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }

    /// <summary>The rendered objects of a folder.</summary>
    public static async Task<IReadOnlyList<JsonObject>> RenderAsync(string relativeDirectory) =>
        Manifests.Parse(await RenderYamlAsync(relativeDirectory));

    private static void RequireKubectl()
    {
        if (Kubectl.Executable is not null)
        {
            return;
        }

        const string message = "kubectl is not on PATH: the kustomize tests need it (install kubectl; set SMI_REQUIRE_KUBECTL=1 to make this a failure)";
        if (Environment.GetEnvironmentVariable("SMI_REQUIRE_KUBECTL") == "1")
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
    }
}
