namespace Smi.Sandbox;

/// <summary>Who the echo app says it is.</summary>
internal sealed record EchoIdentity(string Pod, string Namespace, string ServiceAccount);
