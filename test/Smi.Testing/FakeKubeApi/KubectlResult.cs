namespace Smi.Testing.FakeKubeApi;

/// <summary>What a kubectl run printed and how it exited (-1 when it was killed on timeout).</summary>
public sealed record KubectlResult(string Arguments, int ExitCode, string StandardOutput, string StandardError, bool TimedOut)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;

    /// <summary>Everything a failing assertion should show.</summary>
    public override string ToString() =>
        $"kubectl {Arguments} -> exit {ExitCode}{(TimedOut ? " (timed out)" : string.Empty)}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
