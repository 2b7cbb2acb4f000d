using System.Net;

namespace SmiProxy.Tests.Infrastructure;

/// <summary>
/// Hands out distinct 127.x.y.z addresses (all of 127.0.0.0/8 is loopback on Linux), one per proxy
/// or backend, as the sandbox gives each simulated pod its own address. The second octet depends on
/// the process id, so parallel test runs in other worktrees do not share addresses.
/// </summary>
internal static class Loopback
{
    private static int _next;

    public static IPAddress Next()
    {
        var n = Interlocked.Increment(ref _next);
        var second = 100 + (Environment.ProcessId % 100);
        return IPAddress.Parse($"127.{second}.{n / 250}.{(n % 250) + 1}");
    }
}
