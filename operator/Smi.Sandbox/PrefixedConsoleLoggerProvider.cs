using Microsoft.Extensions.Logging;

namespace Smi.Sandbox;

/// <summary>Routes an in-process proxy's logs into the sandbox's own logging, tagged with the pod they come from.</summary>
internal sealed class PrefixedConsoleLoggerProvider(string prefix, ILoggerFactory target) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => target.CreateLogger($"[{prefix}] {categoryName}");

    public void Dispose()
    {
        // The target factory belongs to the sandbox.
    }
}
