namespace Smi.TrafficMetrics.Api;

/// <summary>A response of the API: HTTP status and the JSON document.</summary>
internal sealed record ApiAnswer(int Status, object Body)
{
    public static ApiAnswer Ok(object body) => new(200, body);

    public static ApiAnswer NotFound(string message) => new(404, StatusBody(404, "NotFound", message));

    public static ApiAnswer BadRequest(string message) => new(400, StatusBody(400, "BadRequest", message));

    public static ApiAnswer Unauthorized(string message) => new(401, StatusBody(401, "Unauthorized", message));

    /// <summary>A meta/v1 Status, what kubectl prints for errors.</summary>
    private static Dictionary<string, object> StatusBody(int code, string reason, string message) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new Dictionary<string, object>(),
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["code"] = code,
    };
}
