using System.Globalization;

namespace SmiProxy.Tests.Infrastructure;

/// <summary>Parses the text exposition format enough to find samples by name and exact label set.</summary>
internal static class PrometheusText
{
    public static IReadOnlyList<PrometheusSample> Parse(string exposition)
    {
        var samples = new List<PrometheusSample>();
        foreach (var raw in exposition.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            string name;
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            string rest;
            if (brace >= 0 && brace < space)
            {
                name = line[..brace];
                var close = line.IndexOf("} ", brace, StringComparison.Ordinal);
                ParseLabels(line[(brace + 1)..close], labels);
                rest = line[(close + 2)..];
            }
            else
            {
                name = line[..space];
                rest = line[(space + 1)..];
            }

            var value = rest.Split(' ')[0];
            samples.Add(new PrometheusSample(name, labels, value == "+Inf" ? double.PositiveInfinity : double.Parse(value, CultureInfo.InvariantCulture)));
        }

        return samples;
    }

    /// <summary>The value of the sample with exactly these labels, or null.</summary>
    public static double? Find(string exposition, string name, IReadOnlyDictionary<string, string> labels) =>
        Parse(exposition).FirstOrDefault(s => s.Name == name && s.Labels.Count == labels.Count && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value))?.Value;

    private static void ParseLabels(string text, Dictionary<string, string> labels)
    {
        var i = 0;
        while (i < text.Length)
        {
            var equals = text.IndexOf('=', i);
            var key = text[i..equals];
            var valueStart = equals + 2;
            var end = valueStart;
            var value = new System.Text.StringBuilder();
            while (text[end] != '"')
            {
                if (text[end] == '\\')
                {
                    end++;
                }

                value.Append(text[end]);
                end++;
            }

            labels[key] = value.ToString();
            i = end + 1;
            if (i < text.Length && text[i] == ',')
            {
                i++;
            }
        }
    }
}
