using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Smi.Core.Diagnostics;
using Smi.Operator.Kubernetes;
using Smi.Operator.Telemetry;
using Smi.Operator.Tests.Operator;

namespace Smi.Operator.Tests.Kubernetes;

/// <summary>An unreadable object is logged and counted when it appears, not on every reconcile while it lasts.</summary>
public sealed class SmiDecodeReporterTests : IDisposable
{
    private static readonly SmiDecodeFailure Broken = new(new ObjectRef("TrafficSplit", "demo", "broken", 1), "spec.backends[0].weight: expected a whole number, got \"ten\"");
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _logging;
    private readonly OperatorMeasurements _measurements;
    private readonly SmiDecodeReporter _reporter;

    public SmiDecodeReporterTests()
    {
        var meters = _services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        _measurements = new OperatorMeasurements(meters);
        _logging = LoggerFactory.Create(b => b.AddProvider(_logs));
        _reporter = new SmiDecodeReporter(new OperatorMetrics(meters, () => 0), _logging.CreateLogger<SmiDecodeReporter>());
    }

    public void Dispose()
    {
        _measurements.Dispose();
        _logging.Dispose();
        _services.Dispose();
    }

    [Fact]
    public void Report_SameFailureOnEveryReconcile_LoggedAndCountedOnce()
    {
        _reporter.Report([Broken]);
        _reporter.Report([Broken]);
        _reporter.Report([Broken]);

        Assert.Equal(1, _measurements.Sum("smi_operator_decode_failures", "kind=TrafficSplit"));
        var line = Assert.Single(_logs.Lines);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Equal("Cannot read TrafficSplit demo/broken (generation 1): spec.backends[0].weight: expected a whole number, got \"ten\"; it is left out of the mesh until it is fixed", line.Message);
    }

    [Fact]
    public void Report_NewGenerationStillBroken_ReportedAgain()
    {
        _reporter.Report([Broken]);
        _reporter.Report([Broken with { Object = Broken.Object with { Generation = 2 } }]);

        Assert.Equal(2, _measurements.Sum("smi_operator_decode_failures", "kind=TrafficSplit"));
    }

    [Fact]
    public void Report_FixedThenBrokenAgain_ReportedAgain()
    {
        _reporter.Report([Broken]);
        _reporter.Report([]);
        _reporter.Report([Broken]);

        Assert.Equal(2, _measurements.Sum("smi_operator_decode_failures", "kind=TrafficSplit"));
        Assert.Equal(2, _logs.Lines.Count);
    }

    [Fact]
    public void Report_SeveralKinds_CountedPerKind()
    {
        var route = new SmiDecodeFailure(new ObjectRef("HTTPRouteGroup", "demo", "routes", 1), "spec.matches: expected a list");

        _reporter.Report([Broken, route]);

        Assert.Equal((1, 1, 2), (_measurements.Sum("smi_operator_decode_failures", "kind=TrafficSplit"), _measurements.Sum("smi_operator_decode_failures", "kind=HTTPRouteGroup"), _measurements.Sum("smi_operator_decode_failures")));
    }
}
