using System.Text.Json;

namespace SmiProxy.Tests.Infrastructure;

/// <summary>What <see cref="EchoServer"/> answers.</summary>
internal sealed record EchoReply(string Name, string Method, string Path, string Host, Dictionary<string, string> Headers)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static async Task<EchoReply> ReadAsync(HttpResponseMessage response) =>
        JsonSerializer.Deserialize<EchoReply>(await response.Content.ReadAsStringAsync().WithTimeout(), JsonOptions)!;
}
