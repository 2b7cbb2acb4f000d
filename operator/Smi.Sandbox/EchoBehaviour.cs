namespace Smi.Sandbox;

/// <summary>
/// Misbehaviour for tests, from pod template annotations:
/// <c>sandbox.smi-operator.io/failure-rate</c> (0–1, share of requests answered 500, spread evenly
/// over the pod's requests, see <see cref="FailureSchedule"/>) and
/// <c>sandbox.smi-operator.io/latency-ms</c>.
/// </summary>
internal sealed record EchoBehaviour(double FailureRate, int LatencyMs)
{
    public const string FailureRateAnnotation = "sandbox.smi-operator.io/failure-rate";
    public const string LatencyAnnotation = "sandbox.smi-operator.io/latency-ms";

    public static readonly EchoBehaviour Normal = new(0, 0);

    public static EchoBehaviour From(IReadOnlyDictionary<string, string> annotations) => new(
        annotations.TryGetValue(FailureRateAnnotation, out var rate) && double.TryParse(rate, System.Globalization.CultureInfo.InvariantCulture, out var r) ? Math.Clamp(r, 0, 1) : 0,
        annotations.TryGetValue(LatencyAnnotation, out var latency) && int.TryParse(latency, System.Globalization.CultureInfo.InvariantCulture, out var l) ? Math.Max(0, l) : 0);
}
