using Smi.Core.Cluster;
using Smi.Operator.Certificates;
using Smi.Operator.Control;
using Smi.Operator.Leadership;
using Smi.Operator.Webhooks.Injection;
using Smi.TrafficMetrics;

namespace Smi.Operator.Hosting;

/// <summary>Everything `run` can be told on the command line.</summary>
internal sealed record OperatorOptions
{
    public MeshOptions Mesh { get; init; } = new();

    public ControllerOptions Controller { get; init; } = new();

    public LeaderElectionOptions LeaderElection { get; init; } = new();

    /// <summary>Where /healthz, /readyz and /metrics listen.</summary>
    public string HealthAddress { get; init; } = "http://0.0.0.0:8080";

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>Adds log providers next to the JSON console (tests read the operator's log lines through one).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }

    /// <summary>HTTPS port of the webhooks (the webhook Service forwards 443 here).</summary>
    public int WebhookPort { get; init; } = 9443;

    public CertificateOptions Certificates { get; init; } = new();

    public InjectionOptions Injection { get; init; } = new();

    /// <summary>Window and scrape interval of the TrafficMetrics API.</summary>
    public TrafficMetricsOptions TrafficMetrics { get; init; } = new();
}
