using System.Text.Json;

namespace Smi.Sandbox;

internal static class EchoJson
{
    public static readonly JsonSerializerOptions Options = new() { WriteIndented = false };
}
