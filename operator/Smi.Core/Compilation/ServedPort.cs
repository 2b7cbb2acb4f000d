namespace Smi.Core.Compilation;

/// <summary>A Service port and the container port it reaches.</summary>
internal readonly record struct ServedPort(int Port, int TargetPort, string? Name, string Protocol);
