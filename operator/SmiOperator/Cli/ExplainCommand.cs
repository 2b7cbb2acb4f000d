using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using System.Text;
using Smi.Core.Compilation;
using Smi.Core.Explain;
using Smi.Operator.Local;
using Smi.ProxyConfig;

namespace SmiOperator.Cli;

/// <summary>
/// <c>explain [folder] --from ns/sa --to service[.ns][:port] [--method M] [--header k=v]... path</c>:
/// where a request goes and whether it is allowed, with the SMI objects responsible — from the
/// same compiler output the proxies run. Exit codes: 0 allowed, 1 denied or undeliverable, 2 usage.
/// </summary>
internal static class ExplainCommand
{
    public static Command Create(ClusterSource cluster)
    {
        var positional = new Argument<string[]>("args") { Description = "[folder] path: the manifests folder (omit with --kubeconfig) and the request path.", Arity = new ArgumentArity(1, 2) };
        var from = new Option<string>("--from") { Description = "Calling identity: namespace/serviceaccount.", Required = true };
        var to = new Option<string>("--to") { Description = "Service the caller addresses: service[.namespace][:port].", Required = true };
        var method = new Option<string>("--method", "-X") { Description = "HTTP method.", DefaultValueFactory = _ => "GET" };
        var headers = new Option<string[]>("--header", "-H") { Description = "Request header k=v (or \"k: v\"); repeatable.", AllowMultipleArgumentsPerToken = false };
        var flags = new MeshFlags();
        var command = new Command("explain", "Explain where a request goes and whether it is allowed, and which SMI objects decide it.") { positional, from, to, method, headers };
        flags.AddTo(command);
        cluster.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var args = parse.GetValue(positional)!;
            if (!ProxyIdentity.TryParse(parse.GetValue(from), out var caller))
            {
                await stderr.WriteLineAsync("explain: --from must be namespace/serviceaccount").ConfigureAwait(false);
                return 2;
            }

            var headerMap = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in parse.GetValue(headers) ?? [])
            {
                var split = header.IndexOfAny(['=', ':']);
                if (split <= 0)
                {
                    await stderr.WriteLineAsync($"explain: --header \"{header}\" is not name=value").ConfigureAwait(false);
                    return 2;
                }

                headerMap[header[..split].Trim()] = header[(split + 1)..].Trim();
            }

            CompileResult? result;
            string path;
            if (args.Length == 2)
            {
                if (!Directory.Exists(args[0]) && !File.Exists(args[0]))
                {
                    await stderr.WriteLineAsync($"explain: no such file or folder: {args[0]}").ConfigureAwait(false);
                    return 2;
                }

                using var plane = new LocalControlPlane(args[0], stateDir: null, flags.Read(parse), TimeProvider.System);
                var step = plane.Step();
                foreach (var problem in step.Problems.Where(p => p.Severity == "error"))
                {
                    await stderr.WriteLineAsync(problem.ToString()).ConfigureAwait(false);
                }

                result = step.Result;
                path = args[1];
            }
            else
            {
                result = await cluster.CompileAsync(parse, flags.Read(parse), stderr, cancellationToken).ConfigureAwait(false);
                if (result is null)
                {
                    return 2;
                }

                path = args[0];
            }

            var report = MeshExplainer.Explain(result, new ExplainRequest(caller, parse.GetValue(to)!, parse.GetValue(method)!.ToUpperInvariant(), path, headerMap.ToImmutable()));
            await stdout.WriteAsync(Format(report)).ConfigureAwait(false);
            return report.Allowed ? 0 : 1;
        });
        return command;
    }

    public static string Format(ExplainReport report)
    {
        var text = new StringBuilder();
        var r = report.Request;
        text.AppendLine(CultureInfo.InvariantCulture, $"{r.Method} {r.Path} from {r.From} to {r.To}");
        if (report.Route is { } route)
        {
            var origins = route.Origins.IsEmpty ? "the Service's own endpoints" : string.Join(", ", route.Origins);
            var matched = report.MatchedBy is null ? "takes every request" : $"matched {report.MatchedBy}";
            text.AppendLine(CultureInfo.InvariantCulture, $"  route:     {route.Name} ({origins}); {matched}");
            foreach (var (skippedRoute, reason) in report.SkippedRoutes)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  not:       {skippedRoute}: {reason}");
            }

            text.AppendLine("  backends:");
            foreach (var backend in report.Backends)
            {
                var endpoints = backend.Endpoints.IsEmpty
                    ? "no ready endpoints"
                    : string.Join(", ", backend.Endpoints.Select(e => $"{e.Address}:{e.Port}{(e.Pod is null ? string.Empty : $" ({e.Pod})")}"));
                text.AppendLine(CultureInfo.InvariantCulture, $"    {backend.Service}  {backend.Share * 100:0.##}%  {endpoints}");
                foreach (var (identity, verdict) in backend.Access)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"      {identity}: {(verdict.Allowed ? verdict.Reason : "DENIED: " + verdict.Reason)}");
                }

                if (backend.Endpoints.Any(e => e.Identity is null))
                {
                    text.AppendLine("      (endpoints without a proxy: plain connection, no access control)");
                }
            }
        }

        AppendPolicies(text, report);
        text.AppendLine(report.Summary);
        return text.ToString();
    }

    private static void AppendPolicies(StringBuilder text, ExplainReport report)
    {
        if (report.Policy is null && report.ClusterPolicies.IsEmpty && report.InboundPolicies.IsEmpty)
        {
            return;
        }

        text.AppendLine("  policies:");
        if (report.Policy is { } p)
        {
            var parts = new List<string>();
            if (p.Mirror is { } m)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"mirror {m.Percent}% to {m.Service} (at most {m.MaxConcurrent} in flight)"));
            }

            if (p.Fault?.Delay is { } d)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"delay {d.DelayMs}ms for {d.Percent}%"));
            }

            if (p.Fault?.Abort is { } a)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"abort {a.StatusCode} for {a.Percent}%"));
            }

            if (p.Resilience is { } r)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"timeouts request {(r.RequestTimeoutMs is { } rt ? rt + "ms" : "default")} connect {(r.ConnectTimeoutMs is { } ct ? ct + "ms" : "default")}, retries {(r.RetryAttempts?.ToString(CultureInfo.InvariantCulture) ?? "default")}"));
            }

            if (p.RetryBudgetPercent is { } budget)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"retry budget {budget}%"));
            }

            if (p.AccessLog is { } log)
            {
                parts.Add($"access log {(log ? "on" : "off")}");
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"    caller:   {string.Join("; ", parts)} ({string.Join(", ", p.Origins)})");
        }

        foreach (var (cluster, resilience) in report.ClusterPolicies)
        {
            var outlier = resilience.OutlierConsecutiveFailures is { } f ? string.Create(CultureInfo.InvariantCulture, $", eject after {f} failures for {resilience.OutlierEjectionMs}ms") : string.Empty;
            text.AppendLine(CultureInfo.InvariantCulture, $"    cluster:  {cluster} load balancing {resilience.LoadBalancing ?? "default"}{outlier}");
        }

        foreach (var inbound in report.InboundPolicies)
        {
            var limits = inbound.Limits.IsEmpty
                ? "no rate limit counts this caller"
                : string.Join(", ", inbound.Limits.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Requests} per {l.PeriodMs}ms burst {l.Burst} ({(l.PerSource ? "per caller" : "shared")}, {l.Id})")));
            var log = inbound.Policy.AccessLog is { } on ? $"; access log {(on ? "on" : "off")}" : string.Empty;
            text.AppendLine(CultureInfo.InvariantCulture, $"    {inbound.Identity}: {limits}{log} ({string.Join(", ", inbound.Policy.Origins)})");
        }
    }
}
