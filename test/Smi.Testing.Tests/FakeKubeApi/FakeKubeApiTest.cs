using k8s;
using k8s.Models;
using Smi.Testing.FakeKubeApi;

namespace Smi.Testing.Tests.FakeKubeApi;

/// <summary>
/// A fresh <see cref="FakeKubeApiServer"/> and KubernetesClient for every test of a derived class;
/// after the test the server must not have received a request it does not implement.
/// </summary>
public abstract class FakeKubeApiTest : IAsyncLifetime
{
    protected FakeKubeApiServer Server { get; private set; } = null!;

    protected Kubernetes Client { get; private set; } = null!;

    public virtual async ValueTask InitializeAsync()
    {
        using var deadline = Deadline.After();
        await StartServerAsync(await CreateOptionsAsync(deadline.Token), deadline.Token);
        await OnStartedAsync(deadline.Token);
    }

    public virtual async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        await StopServerAsync(assertNoUnhandledRequests: true);
    }

    /// <summary>The options the server starts with (the defaults unless overridden).</summary>
    protected virtual ValueTask<FakeKubeApiOptions?> CreateOptionsAsync(CancellationToken cancellationToken) => ValueTask.FromResult<FakeKubeApiOptions?>(null);

    /// <summary>Runs once the server and client are up, before the test: seeding, installing CRDs.</summary>
    protected virtual ValueTask OnStartedAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Replaces the server (and client) with a fresh one started with <paramref name="options"/>.</summary>
    protected async Task RestartServerAsync(FakeKubeApiOptions? options, CancellationToken cancellationToken)
    {
        await StopServerAsync(assertNoUnhandledRequests: false);
        await StartServerAsync(options, cancellationToken);
    }

    /// <summary>Waits until the server has a watch open, so that an event written next reaches it.</summary>
    protected Task WaitForWatchAsync(CancellationToken cancellationToken) =>
        Eventually.TrueAsync(() => Server.OpenWatches > 0, "a watch open on the server", timeout: TimeSpan.FromSeconds(30), cancellationToken: cancellationToken);

    /// <summary>Creates ConfigMap <paramref name="name"/> in "default" with one data key through the client.</summary>
    protected Task<V1ConfigMap> CreateConfigMapAsync(string name, CancellationToken cancellationToken, Dictionary<string, string>? labels = null) =>
        Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name, Labels = labels }, Data = new Dictionary<string, string> { ["k"] = "v" } }, "default", cancellationToken: cancellationToken);

    private async Task StartServerAsync(FakeKubeApiOptions? options, CancellationToken cancellationToken)
    {
        Server = await FakeKubeApiServer.StartAsync(options, cancellationToken);
        Client = Server.CreateClient();
    }

    private async Task StopServerAsync(bool assertNoUnhandledRequests)
    {
        // Null when InitializeAsync skipped the test or failed before the server started.
        Client?.Dispose();
        if (Server is null)
        {
            return;
        }

        try
        {
            if (assertNoUnhandledRequests)
            {
                Server.AssertNoUnhandledRequests();
            }
        }
        finally
        {
            await Server.DisposeAsync();
        }
    }
}
