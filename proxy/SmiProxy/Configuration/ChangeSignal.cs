namespace SmiProxy.Configuration;

/// <summary>An auto-reset signal that coalesces: any number of <see cref="Set"/> calls wake one waiter once.</summary>
internal sealed class ChangeSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Set()
    {
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; the waiter will pick up every change made so far.
        }
    }

    public Task WaitAsync(CancellationToken cancellationToken) => _semaphore.WaitAsync(cancellationToken);
}
