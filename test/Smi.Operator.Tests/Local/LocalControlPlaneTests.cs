using System.Diagnostics;
using System.Threading.Channels;
using Smi.Core.Cluster;
using Smi.Operator.Local;
using Smi.ProxyConfig;
using Smi.Testing;

namespace Smi.Operator.Tests.Local;

public sealed class LocalControlPlaneTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Reading a config while the directory swaps (or before it is first written): read again.</summary>
    private static readonly Func<Exception, bool> MidSwap = ex => ex is IOException or InvalidOperationException or NullReferenceException;

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"smi-local-{Guid.NewGuid():N}");

    public LocalControlPlaneTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "manifests"));
        File.WriteAllText(Path.Combine(_root, "manifests", "app.yaml"), LocalManifests.App);
        File.WriteAllText(Path.Combine(_root, "manifests", "split.yaml"), LocalManifests.Split(90, 10));
    }

    private string Folder => Path.Combine(_root, "manifests");

    private string State => Path.Combine(_root, "state");

    [Fact]
    public void Step_WritesKubeletStyleDirectoryPerIdentity_WithConfigAndCertificate()
    {
        using var plane = new LocalControlPlane(Folder, State, new MeshOptions(), TimeProvider.System);

        var step = plane.Step();

        Assert.Empty(step.Problems);
        var dir = Path.Combine(State, "demo", "client");
        Assert.NotNull(new FileInfo(Path.Combine(dir, "..data")).LinkTarget);
        foreach (var file in new[] { "config.json", "tls.crt", "tls.key", "ca.crt" })
        {
            Assert.Equal(Path.Combine("..data", file), new FileInfo(Path.Combine(dir, file)).LinkTarget);
        }

        var config = ReadConfig("demo", "client");
        Assert.Equal("web-v1.demo=9 web-v2.demo=1", Shares(config));
    }

    [Fact]
    public async Task Watch_WeightEdited_OnlyAffectedIdentitySwapsWithinOneSecond()
    {
        using var plane = new LocalControlPlane(Folder, State, new MeshOptions(), TimeProvider.System);
        var steps = Channel.CreateUnbounded<LocalStep>();
        using var cts = new CancellationTokenSource();
        var watch = plane.WatchAsync(s => steps.Writer.WriteAsync(s).AsTask(), cts.Token);
        await steps.Reader.ReadAsync().AsTask().WaitAsync(Timeout);
        var clientBefore = DataTarget("demo", "client");
        var webBefore = DataTarget("demo", "web-v1");

        var edited = Stopwatch.StartNew();
        File.WriteAllText(Path.Combine(Folder, "split.yaml"), LocalManifests.Split(50, 50));
        await Eventually.TrueAsync(() => DataTarget("demo", "client") != clientBefore && Shares(ReadConfig("demo", "client")) == "web-v1.demo=1 web-v2.demo=1", retryOn: MidSwap);
        edited.Stop();

        Assert.True(edited.Elapsed < TimeSpan.FromSeconds(1), $"took {edited.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(webBefore, DataTarget("demo", "web-v1"));
        await cts.CancelAsync();
        await watch.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Watch_BrokenYaml_ReportedAndLastGoodStateKept_ThenFixed()
    {
        using var plane = new LocalControlPlane(Folder, State, new MeshOptions(), TimeProvider.System);
        var steps = Channel.CreateUnbounded<LocalStep>();
        using var cts = new CancellationTokenSource();
        var watch = plane.WatchAsync(s => steps.Writer.WriteAsync(s).AsTask(), cts.Token);
        await steps.Reader.ReadAsync().AsTask().WaitAsync(Timeout);
        var before = DataTarget("demo", "client");

        File.WriteAllText(Path.Combine(Folder, "split.yaml"), "apiVersion: split.smi-spec.io/v1alpha4\nkind: TrafficSplit\nmetadata: {name: web, namespace: demo\nspec: [\n");
        var broken = await NextWithProblem(steps);
        var problem = Assert.Single(broken.Problems);
        Assert.Contains("split.yaml:", problem.ToString(), StringComparison.Ordinal);
        Assert.Contains("keep their last good state", problem.Message, StringComparison.Ordinal);
        Assert.Equal(before, DataTarget("demo", "client"));
        Assert.Equal("web-v1.demo=9 web-v2.demo=1", Shares(ReadConfig("demo", "client")));

        // An invalid (but well-formed) edit of the same object is ignored too.
        File.WriteAllText(Path.Combine(Folder, "split.yaml"), LocalManifests.Split(-5, 10));
        var invalid = await NextWithProblem(steps);
        Assert.Contains(invalid.Problems, p => p.Message.Contains("spec.backends[0].weight", StringComparison.Ordinal));
        Assert.Equal("web-v1.demo=9 web-v2.demo=1", Shares(ReadConfig("demo", "client")));

        File.WriteAllText(Path.Combine(Folder, "split.yaml"), LocalManifests.Split(0, 100));
        await Eventually.TrueAsync(() => Shares(ReadConfig("demo", "client")) == "web-v2.demo=1", retryOn: MidSwap);
        await cts.CancelAsync();
        await watch.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Watch_FileDeleted_ObjectsGone()
    {
        using var plane = new LocalControlPlane(Folder, State, new MeshOptions(), TimeProvider.System);
        using var cts = new CancellationTokenSource();
        var watch = plane.WatchAsync(_ => Task.CompletedTask, cts.Token);
        await Eventually.TrueAsync(() => File.Exists(Path.Combine(State, "demo", "client", "config.json")), retryOn: MidSwap);

        File.Delete(Path.Combine(Folder, "split.yaml"));

        await Eventually.TrueAsync(() => ReadConfig("demo", "client").Outbound.Services.Single(s => s.Name == "web").Ports[0].Routes.Single().Name == "default", retryOn: MidSwap);
        await cts.CancelAsync();
        await watch.WaitAsync(Timeout);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static async Task<LocalStep> NextWithProblem(Channel<LocalStep> steps)
    {
        while (true)
        {
            var step = await steps.Reader.ReadAsync().AsTask().WaitAsync(Timeout);
            if (step.Problems.Count > 0)
            {
                return step;
            }
        }
    }

    private string? DataTarget(string ns, string sa) => new FileInfo(Path.Combine(State, ns, sa, "..data")).LinkTarget;

    private MeshProxyConfig ReadConfig(string ns, string sa) =>
        ProxyConfigSerializer.TryDeserialize(File.ReadAllBytes(Path.Combine(State, ns, sa, "config.json")), out _)!;

    private static string Shares(MeshProxyConfig config) =>
        string.Join(" ", config.Outbound.Services.Single(s => s.Name == "web").Ports[0].Routes[0].Backends.Select(b => $"{b.Service}={b.Weight}"));
}
