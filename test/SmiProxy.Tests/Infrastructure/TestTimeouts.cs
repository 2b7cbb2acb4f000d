namespace SmiProxy.Tests.Infrastructure;

/// <summary>Every await in these tests is bounded: a hang fails the test instead of the run.</summary>
internal static class TestTimeouts
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(20);

    public static Task WithTimeout(this Task task, TimeSpan? timeout = null) =>
        task.WaitAsync(timeout ?? Default, TestContext.Current.CancellationToken);

    public static Task<T> WithTimeout<T>(this Task<T> task, TimeSpan? timeout = null) =>
        task.WaitAsync(timeout ?? Default, TestContext.Current.CancellationToken);

    /// <summary>A token that fires after <paramref name="timeout"/> or when the test is cancelled.</summary>
    public static CancellationToken Token(TimeSpan? timeout = null)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        source.CancelAfter(timeout ?? Default);
        return source.Token;
    }
}
