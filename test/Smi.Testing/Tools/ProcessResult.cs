namespace Smi.Testing.Tools;

/// <summary>How an external command ended.</summary>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="StandardOutput">Everything it wrote to stdout.</param>
/// <param name="StandardError">Everything it wrote to stderr.</param>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>stdout, or an exception that shows the command's stderr.</summary>
    /// <exception cref="InvalidOperationException">The command failed.</exception>
    public string EnsureSuccess(string command) => ExitCode == 0
        ? StandardOutput
        : throw new InvalidOperationException($"`{command}` exited with {ExitCode}: {StandardError.Trim()}");
}
