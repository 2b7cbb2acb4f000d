using System.Text;

namespace SmiProxy.Pipeline;

/// <summary>Responses the proxy makes itself: a status, the reason in <c>x-smi-reason</c>, and the same one line as the body.</summary>
internal static class MeshResponses
{
    private const int MaxReasonLength = 512;

    public static Task WriteAsync(HttpContext context, int statusCode, string reason)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return Task.CompletedTask;
        }

        var line = Sanitize(reason);
        response.StatusCode = statusCode;
        response.Headers[MeshHeaders.Reason] = line;
        response.ContentType = "text/plain; charset=utf-8";
        return context.Request.Method == HttpMethods.Head ? Task.CompletedTask : response.WriteAsync(line + "\n");
    }

    /// <summary>Adds the reason to a response YARP already gave a status (e.g. 502 after a failed forward).</summary>
    public static Task AnnotateAsync(HttpContext context, string reason) =>
        context.Response.HasStarted ? Task.CompletedTask : WriteAsync(context, context.Response.StatusCode, reason);

    /// <summary>One printable ASCII line, short enough for a header (request paths are client-controlled).</summary>
    public static string Sanitize(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxReasonLength));
        foreach (var c in text)
        {
            if (builder.Length >= MaxReasonLength)
            {
                builder.Append("...");
                break;
            }

            builder.Append(c is >= ' ' and <= '~' ? c : '?');
        }

        return builder.ToString();
    }
}
