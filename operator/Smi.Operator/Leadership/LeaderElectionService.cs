using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Smi.Operator.Telemetry;

namespace Smi.Operator.Leadership;

/// <summary>
/// Holds (or waits for) the leader Lease with KubernetesClient's LeaderElector. Losing the lease
/// cancels <see cref="Term"/> at once — writes in flight are abandoned — and stops the process, as
/// controller-runtime does: a fresh start with warm caches is the simplest correct recovery.
/// </summary>
internal sealed partial class LeaderElectionService : BackgroundService, ILeadership
{
    private readonly IKubernetes _client;
    private readonly LeaderElectionOptions _options;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly OperatorMetrics _metrics;
    private readonly ILogger<LeaderElectionService> _logger;
    private volatile bool _leader;
    private CancellationTokenSource _term = new();

    public LeaderElectionService(IKubernetes client, LeaderElectionOptions options, IHostApplicationLifetime lifetime, OperatorMetrics metrics, ILogger<LeaderElectionService> logger)
    {
        _client = client;
        _options = options;
        _lifetime = lifetime;
        _metrics = metrics;
        _logger = logger;
        if (!options.Enabled)
        {
            _leader = true;
            metrics.SetLeader(true);
        }
    }

    /// <summary>Raised when this replica becomes leader.</summary>
    public event Action? StartedLeading;

    public bool IsLeader => _leader;

    /// <summary>Cancelled when the current leadership term ends.</summary>
    public CancellationToken Term => _term.Token;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            StartedLeading?.Invoke();
            return;
        }

        var leaseLock = new LeaseLock(_client, _options.Namespace, _options.LeaseName, _options.Identity);
        using var elector = new LeaderElector(new LeaderElectionConfig(leaseLock)
        {
            LeaseDuration = _options.LeaseDuration,
            RenewDeadline = _options.RenewDeadline,
            RetryPeriod = _options.RetryPeriod,
        });
        elector.OnStartedLeading += () =>
        {
            _term = new CancellationTokenSource();
            _leader = true;
            _metrics.SetLeader(true);
            LogStarted(_logger, _options.Identity);
            StartedLeading?.Invoke();
        };
        elector.OnStoppedLeading += () =>
        {
            var wasLeader = _leader;
            _leader = false;
            _metrics.SetLeader(false);
            _term.Cancel();
            if (wasLeader && !stoppingToken.IsCancellationRequested)
            {
                LogLost(_logger, _options.Identity);
                _lifetime.StopApplication();
            }
        };
        elector.OnNewLeader += leader => LogNewLeader(_logger, leader);

        try
        {
            await elector.RunAndTryToHoldLeadershipForeverAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            _leader = false;
            await _term.CancelAsync().ConfigureAwait(false);
        }
    }

    public override void Dispose()
    {
        _term.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} became the leader; writing from now on")]
    private static partial void LogStarted(ILogger logger, string identity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Identity} lost the leader lease; stopped writing and shutting down for a clean restart")]
    private static partial void LogLost(ILogger logger, string identity);

    [LoggerMessage(Level = LogLevel.Information, Message = "The leader is {Leader}")]
    private static partial void LogNewLeader(ILogger logger, string leader);
}
