namespace Smi.Operator.Runtime;

/// <summary>What the controller needs of any informer, whatever its type.</summary>
internal interface IInformer
{
    /// <summary>Raised after every change to the cache.</summary>
    event Action? Changed;

    string Name { get; }

    bool HasSynced { get; }

    Task WaitForSyncAsync(CancellationToken cancellationToken);

    Task RunAsync(CancellationToken cancellationToken);

    /// <summary>Lists once, without watching (one-shot commands such as `render --kubeconfig`).</summary>
    Task ListOnceAsync(CancellationToken cancellationToken);
}
