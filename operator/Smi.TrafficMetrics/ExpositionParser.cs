using System.Globalization;
using System.Text;

namespace Smi.TrafficMetrics;

/// <summary>
/// Reads the Prometheus text exposition format (version 0.0.4, what the proxies' admin /metrics
/// serves for <c>Accept: text/plain</c>): comments skipped, label values unescaped, optional
/// timestamps ignored. A malformed line is skipped, not fatal — one bad series must not hide a pod.
/// </summary>
internal static class ExpositionParser
{
    public static List<ExpositionSample> Parse(string text)
    {
        var samples = new List<ExpositionSample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (TryParseLine(line, out var sample))
            {
                samples.Add(sample);
            }
        }

        return samples;
    }

    private static bool TryParseLine(string line, out ExpositionSample sample)
    {
        sample = null!;
        var i = 0;
        while (i < line.Length && line[i] != '{' && line[i] != ' ')
        {
            i++;
        }

        var name = line[..i];
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (i < line.Length && line[i] != '}')
            {
                var equals = line.IndexOf('=', i);
                if (equals < 0 || equals + 1 >= line.Length || line[equals + 1] != '"')
                {
                    return false;
                }

                var key = line[i..equals].Trim();
                var value = new StringBuilder();
                i = equals + 2;
                while (i < line.Length && line[i] != '"')
                {
                    if (line[i] == '\\' && i + 1 < line.Length)
                    {
                        i++;
                        value.Append(line[i] == 'n' ? '\n' : line[i]);
                    }
                    else
                    {
                        value.Append(line[i]);
                    }

                    i++;
                }

                if (i >= line.Length)
                {
                    return false;
                }

                labels[key] = value.ToString();
                i++;
                if (i < line.Length && line[i] == ',')
                {
                    i++;
                }
            }

            i++;
        }

        var rest = line[Math.Min(i, line.Length)..].Trim();
        var end = rest.IndexOf(' ', StringComparison.Ordinal);
        var number = end < 0 ? rest : rest[..end];
        if (name.Length == 0 || !TryParseValue(number, out var parsed))
        {
            return false;
        }

        sample = new ExpositionSample(name, labels, parsed);
        return true;
    }

    private static bool TryParseValue(string text, out double value)
    {
        switch (text)
        {
            case "+Inf":
                value = double.PositiveInfinity;
                return true;
            case "-Inf":
                value = double.NegativeInfinity;
                return true;
            case "NaN":
                value = double.NaN;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }
}
