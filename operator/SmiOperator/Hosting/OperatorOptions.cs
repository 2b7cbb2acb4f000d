using Microsoft.Extensions.Logging;
using Smi.Core.Cluster;
using SmiOperator.Certificates;
using SmiOperator.Webhooks.Injection;
using SmiOperator.Control;
using SmiOperator.Leadership;

namespace SmiOperator.Hosting;

/// <summary>Everything `run` can be told on the command line.</summary>
internal sealed record OperatorOptions
{
    public MeshOptions Mesh { get; init; } = new();

    public ControllerOptions Controller { get; init; } = new();

    public LeaderElectionOptions LeaderElection { get; init; } = new();

    /// <summary>Where /healthz, /readyz and /metrics listen.</summary>
    public string HealthAddress { get; init; } = "http://0.0.0.0:8080";

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>HTTPS port of the webhooks (the webhook Service forwards 443 here).</summary>
    public int WebhookPort { get; init; } = 9443;

    public CertificateOptions Certificates { get; init; } = new();

    public InjectionOptions Injection { get; init; } = new();

    /// <summary>Window and scrape interval of the TrafficMetrics API.</summary>
    public Metrics.TrafficMetricsOptions TrafficMetrics { get; init; } = new();
}
