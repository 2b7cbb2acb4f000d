using k8s;
using k8s.Models;
using Smi.Operator.Webhooks.Injection;
using Smi.ProxyConfig.Sidecar;

namespace Smi.Operator.Tests.Webhooks;

public sealed class ProbeRewriterTests
{
    private static V1Pod Pod(string? annotation = null) => KubernetesJson.Deserialize<V1Pod>("""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-0","namespace":"demo"ANNOTATIONS},
         "spec":{"containers":[{"name":"app","image":"web","ports":[{"name":"http","containerPort":8080},{"name":"grpc","containerPort":9090}],
           "readinessProbe":{"httpGet":{"path":"/healthz","port":"http","httpHeaders":[{"name":"X-Probe","value":"1"}]},"periodSeconds":3,"timeoutSeconds":2,"failureThreshold":4},
           "livenessProbe":{"tcpSocket":{"port":8080},"initialDelaySeconds":5},
           "startupProbe":{"grpc":{"port":9090,"service":"echo"}}},
          {"name":"side","image":"x","readinessProbe":{"exec":{"command":["true"]}}}]}}
        """.Replace("ANNOTATIONS", annotation is null ? string.Empty : $",\"annotations\":{{\"smi-operator.io/rewrite-app-probes\":\"{annotation}\"}}", StringComparison.Ordinal));

    [Fact]
    public void Rewrite_HttpTcpGrpcProbes_PointAtTheAdminPortWithTimingKept_OriginalsResolved()
    {
        var (operations, probes) = ProbeRewriter.Rewrite(Pod().Spec, adminPort: 15000);

        Assert.Equal(3, operations.Count);
        var readiness = operations.Single(o => o["path"]!.GetValue<string>() == "/spec/containers/0/readinessProbe")["value"]!;
        Assert.Equal("/app-health/app/readyz", readiness["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal(15000, readiness["httpGet"]!["port"]!.GetValue<int>());
        Assert.Equal(3, readiness["periodSeconds"]!.GetValue<int>());
        Assert.Equal(2, readiness["timeoutSeconds"]!.GetValue<int>());
        Assert.Equal(4, readiness["failureThreshold"]!.GetValue<int>());
        Assert.Equal(new HttpGetProbe { Port = 8080, Path = "/healthz", Headers = [new ProbeHeader("X-Probe", "1")] }.Port, probes["/app-health/app/readyz"].HttpGet!.Port);
        Assert.Equal(2, probes["/app-health/app/readyz"].TimeoutSeconds);
        Assert.Equal(new TcpProbe(8080), probes["/app-health/app/livez"].TcpSocket);
        Assert.Equal(new GrpcProbe(9090, "echo"), probes["/app-health/app/startupz"].Grpc);
        Assert.DoesNotContain(probes.Keys, k => k.Contains("side", StringComparison.Ordinal));
    }

    [Fact]
    public void Inject_Transparent_ProxyCarriesTheProbesAndThePodRewritesThem()
    {
        var result = SidecarInjector.Inject(Pod(), "demo", new InjectionOptions());

        var operations = result.Patch!.Select(o => o!.AsObject()).ToList();
        var proxy = operations.Single(o => o["path"]!.GetValue<string>() == "/spec/initContainers")["value"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == SidecarInjector.ProxyContainer)!;
        var env = proxy["env"]!.AsArray().ToDictionary(e => e!["name"]!.GetValue<string>(), e => e!["value"]?.GetValue<string>());
        var parsed = AppProbes.Parse(env[SidecarEnvironment.AppProbes]!, out var error);
        Assert.Null(error);
        Assert.Equal(["/app-health/app/livez", "/app-health/app/readyz", "/app-health/app/startupz"], parsed!.Keys.Order(StringComparer.Ordinal));
        Assert.Contains(operations, o => o["op"]!.GetValue<string>() == "replace" && o["path"]!.GetValue<string>() == "/spec/containers/0/livenessProbe");
        Assert.True(env.ContainsKey(SidecarEnvironment.PodIps));
    }

    [Theory]
    [InlineData("false")]
    public void Inject_OptOutAnnotation_LeavesProbes(string annotation)
    {
        var result = SidecarInjector.Inject(Pod(annotation), "demo", new InjectionOptions());

        Assert.DoesNotContain(result.Patch!, o => o!["op"]!.GetValue<string>() == "replace");
    }

    [Fact]
    public void Inject_ExplicitProxyMode_LeavesProbes()
    {
        var result = SidecarInjector.Inject(Pod(), "demo", new InjectionOptions { Transparent = false });

        Assert.DoesNotContain(result.Patch!, o => o!["op"]!.GetValue<string>() == "replace");
    }
}
