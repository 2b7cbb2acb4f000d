using System.Text.Json.Nodes;

namespace Smi.Testing.FakeKubeApi.Http;

/// <summary>
/// A request the fake API server rejects. Carries the Kubernetes <c>Status</c> object the real
/// API server would send, so clients see the same <c>reason</c>/<c>code</c> they would see in a cluster.
/// </summary>
internal sealed class ApiException : Exception
{
    private ApiException(int code, string reason, string message, JsonObject? details)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    public int Code { get; }

    public string Reason { get; }

    public JsonObject? Details { get; }

    public JsonObject ToStatus() => StatusObjects.Failure(Code, Reason, Message, Details?.DeepClone().AsObject());

    public static ApiException NotFound(string resource, string name, string group = "") =>
        new(404, "NotFound", $"{Qualified(resource, group)} \"{name}\" not found", Detail(resource, name, group));

    public static ApiException NotFoundRoute() =>
        new(404, "NotFound", "the server could not find the requested resource", null);

    public static ApiException AlreadyExists(string resource, string name, string group = "") =>
        new(409, "AlreadyExists", $"{Qualified(resource, group)} \"{name}\" already exists", Detail(resource, name, group));

    public static ApiException Conflict(string resource, string name, string group, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {Qualified(resource, group)} \"{name}\": {why}", Detail(resource, name, group));

    public static ApiException StaleResourceVersion(string resource, string name, string group) =>
        Conflict(resource, name, group, "the object has been modified; please apply your changes to the latest version and try again");

    /// <summary>422 with one cause per invalid field, the shape kubectl prints as "The X "y" is invalid: ...".</summary>
    public static ApiException Invalid(string kind, string name, string group, IReadOnlyList<(string Field, string Message)> causes)
    {
        var details = new JsonObject { ["name"] = name, ["group"] = group, ["kind"] = kind };
        var array = new JsonArray();
        foreach (var (field, message) in causes)
        {
            array.Add(new JsonObject { ["reason"] = "FieldValueInvalid", ["message"] = message, ["field"] = field });
        }

        details["causes"] = array;
        var summary = string.Join(", ", causes.Select(c => string.IsNullOrEmpty(c.Field) ? c.Message : $"{c.Field}: {c.Message}"));
        var qualifiedKind = string.IsNullOrEmpty(group) ? kind : $"{kind}.{group}";
        return new ApiException(422, "Invalid", $"{qualifiedKind} \"{name}\" is invalid: {summary}", details);
    }

    /// <summary>A 422 that is not about one object's fields (e.g. a JSON patch that does not apply).</summary>
    public static ApiException Unprocessable(string message) => new(422, "Invalid", message, null);

    /// <summary>409 from server-side apply: the fields another manager owns, one FieldManagerConflict cause each.</summary>
    public static ApiException ApplyConflict(string message, IReadOnlyList<(string Field, string Message)> causes)
    {
        var array = new JsonArray();
        foreach (var (field, text) in causes)
        {
            array.Add(new JsonObject { ["reason"] = "FieldManagerConflict", ["message"] = text, ["field"] = field });
        }

        return new ApiException(409, "Conflict", message, new JsonObject { ["causes"] = array });
    }

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message, null);

    public static ApiException MethodNotAllowed(string message) => new(405, "MethodNotAllowed", message, null);

    public static ApiException NotAcceptable(string message) => new(406, "NotAcceptable", message, null);

    public static ApiException UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json; got {contentType}", null);

    public static ApiException Gone(string message) => new(410, "Expired", message, null);

    public static ApiException Forbidden(string message) => new(403, "Forbidden", message, null);

    public static ApiException Internal(string message) => new(500, "InternalError", message, null);

    /// <summary>A rejection whose code and reason come from elsewhere (an admission webhook's Status).</summary>
    public static ApiException Custom(int code, string reason, string message) => new(code, reason, message, null);

    public static ApiException NotImplemented(string message) => new(501, "NotImplemented", message, null);

    /// <summary>A failure injected by <c>FailNext</c>; the reason is the one the real server uses for that code.</summary>
    public static ApiException Injected(int code) =>
        new(code, StatusObjects.ReasonFor(code), $"injected failure ({code}) from FakeKubeApiServer.FailNext", null);

    private static string Qualified(string resource, string group) => string.IsNullOrEmpty(group) ? resource : $"{resource}.{group}";

    private static JsonObject Detail(string resource, string name, string group)
    {
        var details = new JsonObject { ["name"] = name };
        if (!string.IsNullOrEmpty(group))
        {
            details["group"] = group;
        }

        details["kind"] = resource;
        return details;
    }
}
