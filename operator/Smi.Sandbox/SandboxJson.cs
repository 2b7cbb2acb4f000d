using System.Text.Json;

namespace Smi.Sandbox;

internal static class SandboxJson
{
    public static readonly JsonSerializerOptions Options = new() { WriteIndented = true };
}
