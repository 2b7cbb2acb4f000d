using Smi.Testing;

namespace Smi.Sandbox.Tests.Flagger;

/// <summary>The MetricTemplates shipped in config/flagger: name → query (the block scalar under spec.query).</summary>
internal static class ShippedMetricTemplates
{
    public static IReadOnlyDictionary<string, string> Read()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "config", "flagger", "metric-templates.yaml")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var templates = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var document in text.Split("\n---\n"))
        {
            var lines = document.Split('\n');
            var name = lines.Select(l => l.Trim()).First(l => l.StartsWith("name: ", StringComparison.Ordinal))["name: ".Length..];
            var start = Array.FindIndex(lines, l => l == "  query: |");
            Assert.True(start >= 0, $"MetricTemplate {name} has no `  query: |` block");
            var query = lines.Skip(start + 1).TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal) || l.Length == 0);
            templates[name] = string.Join('\n', query.Select(l => l.Length >= 4 ? l[4..] : l));
        }

        return templates;
    }
}
