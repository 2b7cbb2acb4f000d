namespace Smi.Sandbox;

/// <summary>A port the echo app listens on, and whether it speaks HTTP/2 cleartext (prior knowledge) there instead of HTTP/1.1.</summary>
internal sealed record EchoPort(int Port, bool H2c);
