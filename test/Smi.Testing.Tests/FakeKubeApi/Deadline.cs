namespace Smi.Testing.Tests.FakeKubeApi;

/// <summary>Every await in these tests is bounded: a token that fires after a few seconds or when the test is cancelled.</summary>
internal static class Deadline
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(10);

    public static CancellationTokenSource After(TimeSpan? timeout = null)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout ?? Default);
        return cts;
    }
}
