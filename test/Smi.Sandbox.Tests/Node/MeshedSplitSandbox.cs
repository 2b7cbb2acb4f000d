namespace Smi.Sandbox.Tests.Node;

/// <summary>One <c>sandbox --netns</c> on <see cref="NetnsManifests.MeshedSplit"/> shared by a test class; null where netns tests cannot run.</summary>
public sealed class MeshedSplitSandbox : IAsyncLifetime
{
    internal NetnsRun? Run { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (NetnsRun.Unsupported is null)
        {
            Run = await NetnsRun.StartAsync(NetnsManifests.MeshedSplit);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Run is not null)
        {
            await Run.DisposeAsync();
        }
    }
}
