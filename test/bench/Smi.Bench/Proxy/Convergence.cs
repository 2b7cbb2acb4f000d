using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Smi.Bench.Proxy;

/// <summary>
/// Control-plane convergence as a user sees it: the sandbox (a separate `smi-operator sandbox`
/// process, 20 simulated pods with real proxies) runs on a folder; each edit of the TrafficSplit
/// file is timed until every proxy's admin /config serves a new revision.
/// </summary>
internal static class Convergence
{
    public static async Task<(List<double> Millis, int Pods)> RunAsync(string operatorBinary, int edits)
    {
        var root = Path.Combine(Path.GetTempPath(), $"smi-bench-conv-{Guid.NewGuid():N}");
        var folder = Directory.CreateDirectory(Path.Combine(root, "folder")).FullName;
        var state = Path.Combine(root, "state");
        await File.WriteAllTextAsync(Path.Combine(folder, "app.yaml"), App).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(folder, "split.yaml"), Split(90, 10)).ConfigureAwait(false);
        var start = new ProcessStartInfo(operatorBinary) { ArgumentList = { "sandbox", folder, "--state", state }, RedirectStandardOutput = true, RedirectStandardError = true };
        using var sandbox = Process.Start(start)!;
        sandbox.OutputDataReceived += (_, _) => { };
        sandbox.ErrorDataReceived += (_, _) => { };
        sandbox.BeginOutputReadLine();
        sandbox.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var admins = await WaitForPodsAsync(http, Path.Combine(state, "sandbox.json"), 20, sandbox).ConfigureAwait(false);
            var millis = new List<double>();
            for (var i = 0; i < edits; i++)
            {
                var before = await Task.WhenAll(admins.Select(a => RevisionAsync(http, a))).ConfigureAwait(false);
                var (primary, canary) = i % 2 == 0 ? (10, 90) : (90, 10);
                var clock = Stopwatch.StartNew();
                var temp = Path.Combine(root, "split.tmp");
                await File.WriteAllTextAsync(temp, Split(primary, canary)).ConfigureAwait(false);
                File.Move(temp, Path.Combine(folder, "split.yaml"), overwrite: true);
                var pending = Enumerable.Range(0, admins.Count).ToHashSet();
                while (pending.Count > 0)
                {
                    if (clock.Elapsed > TimeSpan.FromSeconds(30))
                    {
                        throw new TimeoutException($"edit {i}: {pending.Count} proxies still serve the old revision after 30 s");
                    }

                    foreach (var index in pending.ToList())
                    {
                        if (await RevisionAsync(http, admins[index]).ConfigureAwait(false) != before[index])
                        {
                            pending.Remove(index);
                        }
                    }
                }

                millis.Add(clock.Elapsed.TotalMilliseconds);
                await Task.Delay(200).ConfigureAwait(false); // let the folder watcher settle between edits
            }

            return (millis, admins.Count);
        }
        finally
        {
            sandbox.Kill(entireProcessTree: true);
            await sandbox.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<List<string>> WaitForPodsAsync(HttpClient http, string sandboxJson, int pods, Process sandbox)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (sandbox.HasExited)
            {
                throw new InvalidOperationException($"the sandbox exited with {sandbox.ExitCode}");
            }

            try
            {
                if (File.Exists(sandboxJson))
                {
                    using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(sandboxJson).ConfigureAwait(false));
                    var admins = doc.RootElement.GetProperty("pods").EnumerateArray().Select(p => p.GetProperty("admin").GetString()!).ToList();
                    if (admins.Count == pods && (await Task.WhenAll(admins.Select(a => RevisionAsync(http, a))).ConfigureAwait(false)).All(r => r is not null))
                    {
                        return admins;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or JsonException)
            {
            }

            await Task.Delay(200).ConfigureAwait(false);
        }

        throw new TimeoutException($"the sandbox did not start {pods} ready pods within 120 s");
    }

    private static async Task<string?> RevisionAsync(HttpClient http, string admin)
    {
        try
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync(new Uri(new Uri(admin), "/config")).ConfigureAwait(false));
            return doc.RootElement.GetProperty("revision").GetString();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return null;
        }
    }

    private static string Split(int primary, int canary) => $"""
        apiVersion: split.smi-spec.io/v1alpha4
        kind: TrafficSplit
        metadata: {"{"}name: web, namespace: conv{"}"}
        spec:
          service: web
          backends:
          - service: web-primary
            weight: {primary}
          - service: web-canary
            weight: {canary}
        """;

    private static readonly string App = BuildApp();

    private static string BuildApp()
    {
        var text = new StringBuilder("""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: conv
              labels: {smi-operator.io/inject: enabled, smi-operator.io/permissive: "true"}
            """);
        foreach (var (name, replicas, labelList) in new[] { ("web-primary", 9, "app: web, track: primary"), ("web-canary", 9, "app: web, track: canary"), ("client", 2, "app: client") })
        {
            var labels = "{" + labelList + "}";
            text.Append($$"""

                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: {{name}}, namespace: conv}
                spec:
                  replicas: {{replicas}}
                  selector:
                    matchLabels: {{labels}}
                  template:
                    metadata:
                      labels: {{labels}}
                    spec:
                      serviceAccountName: {{name}}
                      containers: [{name: app, image: echo, ports: [{name: http, containerPort: 8080}]}]
                """);
        }

        foreach (var (name, selectorList) in new[] { ("web", "app: web"), ("web-primary", "app: web, track: primary"), ("web-canary", "app: web, track: canary") })
        {
            var selector = "{" + selectorList + "}";
            text.Append($$"""

                ---
                apiVersion: v1
                kind: Service
                metadata: {name: {{name}}, namespace: conv}
                spec:
                  selector: {{selector}}
                  ports: [{name: http, port: 80, targetPort: http}]
                """);
        }

        return text.Append('\n').ToString();
    }
}
