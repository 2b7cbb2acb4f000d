using Microsoft.Extensions.Logging;
using Smi.Core.Cluster;
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
}
