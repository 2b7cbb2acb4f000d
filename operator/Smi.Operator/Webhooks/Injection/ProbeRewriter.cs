using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;
using Smi.ProxyConfig.Sidecar;

namespace Smi.Operator.Webhooks.Injection;

/// <summary>
/// Keeps the app's probes working under default deny (Istio's approach): with interception on,
/// kubelet's probes to app ports would land on the inbound listener with no mesh identity and be
/// refused. So every httpGet, tcpSocket and grpc probe of an app container becomes an httpGet on
/// the proxy's admin port at <c>/app-health/&lt;container&gt;/&lt;kind&gt;z</c>, keeping its
/// timing and thresholds; the original goes to the proxy (<see cref="SidecarEnvironment.AppProbes"/>),
/// which runs it against the app locally and answers kubelet with the app's result. exec probes
/// run inside the container and are left alone.
/// </summary>
internal static class ProbeRewriter
{
    private static readonly (string Field, string Kind)[] Kinds = [("readinessProbe", "ready"), ("livenessProbe", "live"), ("startupProbe", "startup")];

    /// <summary>JSON Patch operations that rewrite the probes, and what the proxy must run instead.</summary>
    public static (List<JsonObject> Operations, Dictionary<string, AppProbe> Probes) Rewrite(V1PodSpec spec, int adminPort)
    {
        var operations = new List<JsonObject>();
        var probes = new Dictionary<string, AppProbe>(StringComparer.Ordinal);
        for (var i = 0; i < (spec.Containers?.Count ?? 0); i++)
        {
            var container = spec.Containers![i];
            foreach (var (field, kind) in Kinds)
            {
                var probe = field switch
                {
                    "readinessProbe" => container.ReadinessProbe,
                    "livenessProbe" => container.LivenessProbe,
                    _ => container.StartupProbe,
                };
                if (probe is null || Original(probe, container) is not { } original)
                {
                    continue;
                }

                var path = AppProbes.PathFor(container.Name, kind);
                probes[path] = original;
                var rewritten = new JsonObject { ["httpGet"] = new JsonObject { ["path"] = path, ["port"] = adminPort, ["scheme"] = "HTTP" } };
                Copy(rewritten, "initialDelaySeconds", probe.InitialDelaySeconds);
                Copy(rewritten, "timeoutSeconds", probe.TimeoutSeconds);
                Copy(rewritten, "periodSeconds", probe.PeriodSeconds);
                Copy(rewritten, "successThreshold", probe.SuccessThreshold);
                Copy(rewritten, "failureThreshold", probe.FailureThreshold);
                if (probe.TerminationGracePeriodSeconds is { } grace)
                {
                    rewritten["terminationGracePeriodSeconds"] = grace;
                }

                operations.Add(new JsonObject { ["op"] = "replace", ["path"] = string.Create(CultureInfo.InvariantCulture, $"/spec/containers/{i}/{field}"), ["value"] = rewritten });
            }
        }

        return (operations, probes);
    }

    private static AppProbe? Original(V1Probe probe, V1Container container)
    {
        var timeout = Math.Max(1, probe.TimeoutSeconds ?? 1);
        if (probe.HttpGet is { } get && PortOf(get.Port, container) is { } httpPort)
        {
            return new AppProbe
            {
                HttpGet = new HttpGetProbe
                {
                    Port = httpPort,
                    Path = string.IsNullOrEmpty(get.Path) ? "/" : get.Path,
                    Scheme = string.Equals(get.Scheme, "HTTPS", StringComparison.OrdinalIgnoreCase) ? "HTTPS" : "HTTP",
                    Host = string.IsNullOrEmpty(get.Host) ? null : get.Host,
                    Headers = [.. (get.HttpHeaders ?? []).Select(h => new ProbeHeader(h.Name, h.Value))],
                },
                TimeoutSeconds = timeout,
            };
        }

        if (probe.TcpSocket is { } tcp && PortOf(tcp.Port, container) is { } tcpPort)
        {
            return new AppProbe { TcpSocket = new TcpProbe(tcpPort), TimeoutSeconds = timeout };
        }

        return probe.Grpc is { } grpc ? new AppProbe { Grpc = new GrpcProbe(grpc.Port, string.IsNullOrEmpty(grpc.Service) ? null : grpc.Service), TimeoutSeconds = timeout } : null;
    }

    // A named port that the container does not declare stays as it is: kubelet would fail it the same way.
    private static int? PortOf(IntOrString port, V1Container container) =>
        int.TryParse(port.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : container.Ports?.FirstOrDefault(p => p.Name == port.Value)?.ContainerPort;

    private static void Copy(JsonObject target, string name, int? value)
    {
        if (value is { } v)
        {
            target[name] = v;
        }
    }
}
