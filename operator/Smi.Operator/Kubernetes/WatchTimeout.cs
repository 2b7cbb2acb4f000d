namespace Smi.Operator.Kubernetes;

/// <summary>How long the server keeps a watch open before we resume it; jittered, as client-go does.</summary>
internal static class WatchTimeout
{
    public static readonly int Seconds = 300 + Random.Shared.Next(0, 300);
}
