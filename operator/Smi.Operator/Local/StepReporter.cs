using System.Globalization;
using Smi.Core.Diagnostics;
using Smi.Manifests;

namespace Smi.Operator.Local;

/// <summary>
/// Prints what each local step changed: identities rewritten, new manifest problems, and the
/// describe-style status of every object whose conditions or events changed since the last step.
/// </summary>
internal sealed class StepReporter(TextWriter output)
{
    private Dictionary<ObjectRef, string> _described = [];
    private HashSet<string> _problems = new(StringComparer.Ordinal);

    public void Report(LocalStep step)
    {
        var now = DateTime.Now.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{now}] compiled {step.Result.Configs.Count} identities in {step.Duration.TotalMilliseconds:F0} ms; rewrote {step.Changed.Count}{(step.Changed.Count > 0 ? ": " + string.Join(", ", step.Changed) : string.Empty)}"));
        var problems = step.Problems.Select(p => p.ToString()).ToHashSet(StringComparer.Ordinal);
        foreach (var problem in problems.Where(p => !_problems.Contains(p)))
        {
            output.WriteLine("  " + problem);
        }

        _problems = problems;
        var described = new Dictionary<ObjectRef, string>();
        foreach (var status in step.Result.Statuses)
        {
            var single = step.Result with
            {
                Statuses = [status],
                Diagnostics = [.. step.Result.Diagnostics.Where(d => d.Object == status.Object)],
            };
            var text = DiagnosticsReport.Describe(single, []);
            described[status.Object with { Generation = 0 }] = text;
            if (!_described.TryGetValue(status.Object with { Generation = 0 }, out var before) || before != text)
            {
                foreach (var line in text.TrimEnd().Split('\n'))
                {
                    output.WriteLine("  " + line);
                }
            }
        }

        _described = described;
        output.Flush();
    }
}
