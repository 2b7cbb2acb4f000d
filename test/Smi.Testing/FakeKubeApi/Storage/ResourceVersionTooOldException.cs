namespace Smi.Testing.FakeKubeApi.Storage;

/// <summary>A watch or continue token asked for changes the history no longer holds (HTTP 410 Gone).</summary>
internal sealed class ResourceVersionTooOldException(long requested, long oldest)
    : Exception($"too old resource version: {requested} ({oldest})")
{
    public long Requested { get; } = requested;

    public long Oldest { get; } = oldest;
}
