namespace Smi.ProxyConfig.Sidecar;

/// <summary>
/// The text form of <see cref="MetricShapes"/>: a comma list of <c>istio</c>, <c>osm</c>,
/// <c>linkerd</c>, <c>all</c>, <c>none</c> — shared by the proxy's <c>--metric-shapes</c> and the
/// injector's flag and pod annotation, so all three accept exactly the same values.
/// </summary>
public static class MetricShapeNames
{
    public static bool TryParse(string value, out MetricShapes shapes, out string? error)
    {
        shapes = MetricShapes.None;
        error = null;
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            switch (part.ToLowerInvariant())
            {
                case "istio": shapes |= MetricShapes.Istio; break;
                case "osm": shapes |= MetricShapes.Osm; break;
                case "linkerd": shapes |= MetricShapes.Linkerd; break;
                case "all": shapes |= MetricShapes.All; break;
                case "none": break;
                default:
                    error = $"\"{part}\" is not istio, osm, linkerd, all or none";
                    return false;
            }
        }

        return true;
    }

    /// <summary>The canonical text: e.g. <c>istio,osm</c>, <c>none</c>.</summary>
    public static string Format(MetricShapes shapes)
    {
        var names = new List<string>();
        if ((shapes & MetricShapes.Istio) != 0)
        {
            names.Add("istio");
        }

        if ((shapes & MetricShapes.Osm) != 0)
        {
            names.Add("osm");
        }

        if ((shapes & MetricShapes.Linkerd) != 0)
        {
            names.Add("linkerd");
        }

        return names.Count == 0 ? "none" : string.Join(',', names);
    }
}
