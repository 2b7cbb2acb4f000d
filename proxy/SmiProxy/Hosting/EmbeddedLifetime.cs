namespace SmiProxy.Hosting;

/// <summary>
/// The lifetime of a proxy hosted inside another process (the sandbox runs many): it neither hooks
/// Ctrl+C/SIGTERM nor prints console banners; the embedding process decides when to stop it.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
