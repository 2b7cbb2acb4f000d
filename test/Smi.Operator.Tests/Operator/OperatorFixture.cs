using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Smi.Operator.Certificates;
using Smi.Operator.Control;
using Smi.Operator.Hosting;
using Smi.Operator.Kubernetes;
using Smi.Operator.Leadership;
using Smi.Testing;
using Smi.Testing.Crds;
using Smi.Testing.FakeKubeApi;

namespace Smi.Operator.Tests.Operator;

/// <summary>
/// A fake API server with the SMI CRDs installed (schemas enforced), driven by the real kubectl,
/// and operators running in-process against it over HTTP; the fake calls the operators' webhooks
/// over HTTPS with the caBundle they patch in, as a real API server would.
/// </summary>
internal sealed class OperatorFixture : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);
    private readonly List<WebApplication> _operators = [];
    private readonly Dictionary<WebApplication, OperatorMeasurements> _measurements = [];
    private int _webhookPort;

    private OperatorFixture(FakeKubeApiServer api)
    {
        Api = api;
        Kubectl = new Kubectl(api);
    }

    public FakeKubeApiServer Api { get; }

    public Kubectl Kubectl { get; }

    /// <summary>What every operator of this fixture logged (at <see cref="LogLevel.Warning"/> and above).</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>The HTTPS port (webhooks, TrafficMetrics) of the last operator started.</summary>
    public int WebhookPort => _webhookPort;

    /// <summary>Starts the fake API server; <paramref name="validationRatcheting"/> false makes it validate custom resources as an API server before 1.30 does.</summary>
    public static async Task<OperatorFixture> StartAsync(bool webhooks = true, bool validationRatcheting = true)
    {
        if (Smi.Testing.FakeKubeApi.Kubectl.Binary is null)
        {
            Assert.Skip("kubectl is not installed: the operator end-to-end tests drive the real kubectl");
        }

        OperatorFixture? fixture = null;
        var api = await FakeKubeApiServer.StartAsync(new FakeKubeApiOptions
        {
            Validator = validationRatcheting ? CrdSchemaHook.Validate : CrdSchemaHook.ValidateWithoutRatcheting,
            WebhookServiceResolver = (ns, name, _) => ns == "smi-system" && name == "smi-operator-webhook" && fixture?._webhookPort > 0
                ? new Uri($"https://localhost:{fixture._webhookPort}/")
                : null,
        });
        fixture = new OperatorFixture(api);
        await fixture.KubectlOk($"apply -k {Path.Combine(RepoPaths.Root, "crds")}");
        // `kubectl create namespace` speaks protobuf, which the fake does not; apply speaks JSON.
        await fixture.KubectlOk($"apply -f {fixture.Kubectl.WriteFile("smi-system.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: smi-system}\n")}");
        if (webhooks)
        {
            await fixture.KubectlOk($"apply -f {Path.Combine(RepoPaths.Root, "config", "webhooks", "validating_webhook_configuration.yaml")}");
        }

        return fixture;
    }

    /// <summary>Starts an operator replica; with leader election, on short leases.</summary>
    public async Task<WebApplication> StartOperatorAsync(bool leaderElection = false, string identity = "operator-0")
    {
        var options = new OperatorOptions
        {
            HealthAddress = "http://127.0.0.1:0",
            WebhookPort = 0,
            LogLevel = LogLevel.Warning,
            ConfigureLogging = logging => logging.AddProvider(Logs),
            Controller = new ControllerOptions { Debounce = TimeSpan.FromMilliseconds(50) },
            Certificates = new CertificateOptions { Namespace = "smi-system", WebhookExtraDnsNames = ["localhost"] },
            LeaderElection = new LeaderElectionOptions
            {
                Enabled = leaderElection,
                Namespace = "smi-system",
                Identity = identity,
                LeaseDuration = TimeSpan.FromSeconds(3),
                RenewDeadline = TimeSpan.FromSeconds(2),
                RetryPeriod = TimeSpan.FromMilliseconds(500),
            },
        };
        var client = Api.CreateClient();
        client.HttpClient.DefaultRequestHeaders.UserAgent.ParseAdd($"smi-operator-test/{identity}");
        var app = OperatorHost.Build(options, client, SmiDecoder.Decode);
        _measurements[app] = new OperatorMeasurements(app.Services.GetRequiredService<IMeterFactory>());
        await app.StartAsync().WaitAsync(Timeout);
        _operators.Add(app);
        var https = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First(a => a.StartsWith("https", StringComparison.Ordinal));
        _webhookPort = new Uri(https.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal)).Port;
        await app.Services.GetRequiredService<CertificateService>().WaitAsync(CancellationToken.None).WaitAsync(Timeout);
        if (!leaderElection)
        {
            // The API server can call the webhooks once the leader has patched their caBundle.
            await Eventually(() => Api.Get("admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations", null, "smi-operator") is not { } config || config["webhooks"]?[0]?["clientConfig"]?["caBundle"] is not null ? "ok" : null, "the webhook caBundle");
        }

        return app;
    }

    /// <summary>The counters of a replica started by <see cref="StartOperatorAsync"/>.</summary>
    public OperatorMeasurements Measurements(WebApplication app) => _measurements[app];

    public async Task StopOperatorAsync(WebApplication app)
    {
        _operators.Remove(app);
        await app.StopAsync().WaitAsync(Timeout);
        await app.DisposeAsync();
        _measurements.Remove(app, out var measurements);
        measurements?.Dispose();
    }

    public async Task<KubectlResult> KubectlOk(string arguments)
    {
        var result = await Kubectl.RunAsync(arguments, Timeout);
        Assert.True(result.ExitCode == 0, $"kubectl {arguments} failed ({result.ExitCode}): {result.StandardError}{result.StandardOutput}");
        return result;
    }

    /// <summary>Polls an in-memory probe of the fake's state every 20 ms until it returns a value.</summary>
    public Task<T> Eventually<T>(Func<T?> probe, string what)
        where T : class =>
        Smi.Testing.Eventually.ValueAsync(probe, what, Timeout, TimeSpan.FromMilliseconds(20));

    /// <summary>Polls an asynchronous probe (kubectl, HTTP) every 100 ms until it returns a value.</summary>
    public Task<T> Eventually<T>(Func<Task<T?>> probe, string what)
        where T : class =>
        Smi.Testing.Eventually.ValueAsync(probe, what, Timeout, TimeSpan.FromMilliseconds(100));

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _operators.ToList())
        {
            await StopOperatorAsync(app);
        }

        Kubectl.Dispose();
        await Api.DisposeAsync();
    }
}
