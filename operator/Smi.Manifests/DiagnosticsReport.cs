using System.Globalization;
using System.Text;
using Smi.Core.Compilation;
using Smi.Core.Diagnostics;

namespace Smi.Manifests;

/// <summary>
/// Renders compile diagnostics the way <c>kubectl describe</c> shows an object's conditions and
/// events, and proxy configurations as a short human summary. Deterministic text (for diffs).
/// </summary>
internal static class DiagnosticsReport
{
    public static string Describe(CompileResult result, IReadOnlyList<LocalProblem> problems)
    {
        var text = new StringBuilder();
        if (problems.Count > 0)
        {
            text.AppendLine("Manifest problems (a document with an error is not used; in local mode its object keeps its last good state):");
            foreach (var problem in problems)
            {
                text.Append("  ").AppendLine(problem.ToString());
            }

            text.AppendLine();
        }

        var events = result.Diagnostics.ToLookup(d => d.Object);
        foreach (var status in result.Statuses)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{status.Object.Kind} {status.Object.Namespace}/{status.Object.Name}"));
            text.AppendLine("  Conditions:");
            Table(text, "    ", ["Type", "Status", "Reason", "Message"], status.Conditions.Select(c => new[] { c.Type, c.Status ? "True" : "False", c.Reason, c.Message }));
            var findings = events[status.Object].ToList();
            text.AppendLine("  Events:" + (findings.Count == 0 ? "  <none>" : string.Empty));
            if (findings.Count > 0)
            {
                Table(text, "    ", ["Type", "Reason", "Message"], findings.Select(d => new[] { d.Severity == Severity.Info ? "Normal" : "Warning", d.Reason, d.Message }));
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    /// <summary>One block per identity: what it serves, who may call it, where its calls go.</summary>
    public static string Summarize(CompileResult result)
    {
        var text = new StringBuilder();
        foreach (var (identity, config) in result.Configs)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{identity}  {config.Revision}"));
            var served = config.Inbound.Services.Select(s => $"{s.Name}.{s.Namespace}").ToList();
            var access = config.Inbound.Permissive ? "permissive" : config.Inbound.Rules.IsEmpty ? "deny all (no TrafficTarget)" : string.Join("; ", config.Inbound.Rules.Select(r => $"{string.Join(",", r.Sources)} via {r.Origin}"));
            text.AppendLine($"  serves:  {(served.Count == 0 ? "(nothing)" : string.Join(", ", served))}");
            text.AppendLine($"  allows:  {access}");
            var clusters = config.Outbound.Clusters.ToDictionary(c => c.Id, StringComparer.Ordinal);
            foreach (var service in config.Outbound.Services)
            {
                foreach (var port in service.Ports)
                {
                    foreach (var route in port.Routes)
                    {
                        var total = route.Backends.Sum(b => b.Weight);
                        var backends = route.Backends.Select(b => string.Create(CultureInfo.InvariantCulture,
                            $"{b.Service} {100.0 * b.Weight / total:0.##}% ({clusters.GetValueOrDefault(b.Cluster)?.Endpoints.Length ?? 0} endpoints)"));
                        var when = route.Matches.IsEmpty ? string.Empty : $" when {string.Join(" or ", route.Matches.Select(m => m.Origin))}";
                        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  calls:   {service.Name}.{service.Namespace}:{port.Port} [{route.Name}{when}] -> {string.Join(", ", backends)}"));
                    }
                }
            }

            if (!config.Outbound.DeniedServices.IsEmpty)
            {
                text.AppendLine($"  denied:  {string.Join(", ", config.Outbound.DeniedServices)}");
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    private static void Table(StringBuilder text, string indent, string[] headers, IEnumerable<string[]> rows)
    {
        var all = rows.ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, all.Count == 0 ? 0 : all.Max(r => i < headers.Length - 1 ? r[i].Length : 0))).ToArray();
        void Row(string[] cells) => text.Append(indent).AppendLine(string.Join("  ", cells.Select((c, i) => i < cells.Length - 1 ? c.PadRight(widths[i]) : c)).TrimEnd());
        Row(headers);
        Row([.. headers.Select(h => new string('-', h.Length))]);
        foreach (var row in all)
        {
            Row(row);
        }
    }
}
