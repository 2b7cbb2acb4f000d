namespace Smi.Sandbox.Tests.Node;

/// <summary>One <c>sandbox --netns</c> on <see cref="NetnsManifests.PlainEcho"/> shared by a test class (its tests only read); null where netns tests cannot run.</summary>
public sealed class PlainEchoSandbox : IAsyncLifetime
{
    internal NetnsRun? Run { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (NetnsRun.Unsupported is null)
        {
            Run = await NetnsRun.StartAsync(NetnsManifests.PlainEcho);
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
