using System.Globalization;
using System.Text.Json.Nodes;

namespace Smi.Testing.FakeKubeApi.Printing;

/// <summary>
/// The columns <c>kubectl get</c> shows for built-in kinds, computed the way the API server's
/// printers compute them (pkg/printers/internalversion), for the fields the fake has.
/// </summary>
internal static class BuiltInColumns
{
    public static readonly TableColumn Name = new("Name", "string", "name", 0, "Name must be unique within a namespace.", (o, _) => Str(o, "metadata.name"));

    public static readonly TableColumn Age = new("Age", "string", null, 0, "CreationTimestamp is a timestamp representing the server time when this object was created.", (o, now) => AgeOf(o, now));

    private static readonly Dictionary<string, TableColumn[]> _columns = new(StringComparer.Ordinal)
    {
        ["namespaces"] = [Name, Col("Status", o => Str(o, "status.phase")), Age],
        ["services"] =
        [
            Name, Col("Type", o => Str(o, "spec.type") ?? "ClusterIP"), Col("Cluster-IP", o => Str(o, "spec.clusterIP") ?? "<none>"),
            Col("External-IP", ExternalIp), Col("Port(s)", ServicePorts), Age, Col("Selector", o => Map(o, "spec.selector"), 1),
        ],
        ["endpoints"] = [Name, Col("Endpoints", EndpointsList), Age],
        ["pods"] =
        [
            Name, Col("Ready", PodReady), Col("Status", o => Str(o, "status.reason") ?? Str(o, "status.phase") ?? "Pending"),
            Col("Restarts", o => Sum(o, "status.containerStatuses", "restartCount"), type: "integer"), Age,
            Col("IP", o => Str(o, "status.podIP") ?? "<none>", 1), Col("Node", o => Str(o, "spec.nodeName") ?? "<none>", 1),
        ],
        ["serviceaccounts"] = [Name, Col("Secrets", o => Count(o, "secrets"), type: "integer"), Age],
        ["configmaps"] = [Name, Col("Data", o => Count(o, "data") + Count(o, "binaryData"), type: "integer"), Age],
        ["secrets"] = [Name, Col("Type", o => Str(o, "type") ?? "Opaque"), Col("Data", o => Count(o, "data"), type: "integer"), Age],
        ["events"] = EventColumns("involvedObject", "message"),
        ["events.events.k8s.io"] = EventColumns("regarding", "note"),
        ["endpointslices.discovery.k8s.io"] =
        [
            Name, Col("AddressType", o => Str(o, "addressType")),
            Col("Ports", o => Join(o["ports"] as JsonArray, p => p?["port"]?.ToJsonString())),
            Col("Endpoints", o => Join(o["endpoints"] as JsonArray, e => Join(e?["addresses"] as JsonArray, a => a?.GetValue<string>()))), Age,
        ],
        ["leases.coordination.k8s.io"] = [Name, Col("Holder", o => Str(o, "spec.holderIdentity") ?? string.Empty), Age],
        ["deployments.apps"] =
        [
            Name, Col("Ready", o => $"{Int(o, "status.readyReplicas")}/{Int(o, "spec.replicas", 1)}"),
            Col("Up-to-date", o => Int(o, "status.updatedReplicas"), type: "integer"), Col("Available", o => Int(o, "status.availableReplicas"), type: "integer"), Age,
            Col("Containers", o => Join(o["spec"]?["template"]?["spec"]?["containers"] as JsonArray, c => Str(c, "name")), 1),
            Col("Images", o => Join(o["spec"]?["template"]?["spec"]?["containers"] as JsonArray, c => Str(c, "image")), 1),
        ],
        ["replicasets.apps"] =
        [
            Name, Col("Desired", o => Int(o, "spec.replicas", 1), type: "integer"), Col("Current", o => Int(o, "status.replicas"), type: "integer"),
            Col("Ready", o => Int(o, "status.readyReplicas"), type: "integer"), Age,
        ],
        ["mutatingwebhookconfigurations.admissionregistration.k8s.io"] = [Name, Col("Webhooks", o => Count(o, "webhooks"), type: "integer"), Age],
        ["validatingwebhookconfigurations.admissionregistration.k8s.io"] = [Name, Col("Webhooks", o => Count(o, "webhooks"), type: "integer"), Age],
        ["customresourcedefinitions.apiextensions.k8s.io"] = [Name, Col("Created At", o => Str(o, "metadata.creationTimestamp"), type: "date")],
        ["roles.rbac.authorization.k8s.io"] = [Name, Col("Created At", o => Str(o, "metadata.creationTimestamp"), type: "date")],
        ["clusterroles.rbac.authorization.k8s.io"] = [Name, Col("Created At", o => Str(o, "metadata.creationTimestamp"), type: "date")],
        ["rolebindings.rbac.authorization.k8s.io"] = [Name, Col("Role", o => $"{Str(o, "roleRef.kind")}/{Str(o, "roleRef.name")}"), Age],
        ["clusterrolebindings.rbac.authorization.k8s.io"] = [Name, Col("Role", o => $"{Str(o, "roleRef.kind")}/{Str(o, "roleRef.name")}"), Age],
    };

    public static IReadOnlyList<TableColumn> For(string typeKey) => _columns.TryGetValue(typeKey, out var columns) ? columns : [Name, Age];

    public static string? AgeOf(JsonObject o, DateTimeOffset now) =>
        DateTimeOffset.TryParse(Str(o, "metadata.creationTimestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created)
            ? HumanDuration.Format(now - created)
            : "<unknown>";

    private static TableColumn[] EventColumns(string regarding, string message) =>
    [
        new("Last Seen", "string", null, 0, "Time when this event was last observed.", (o, now) =>
            DateTimeOffset.TryParse(Str(o, "lastTimestamp") ?? Str(o, "eventTime") ?? Str(o, "metadata.creationTimestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
                ? HumanDuration.Format(now - t)
                : "<unknown>"),
        Col("Type", o => Str(o, "type")),
        Col("Reason", o => Str(o, "reason")),
        Col("Object", o => $"{Str(o, regarding + ".kind")?.ToLowerInvariant()}/{Str(o, regarding + ".name")}"),
        Col("Message", o => Str(o, message)),
        new("Name", "string", "name", 1, "Name must be unique within a namespace.", (o, _) => Str(o, "metadata.name")),
    ];

    private static TableColumn Col(string name, Func<JsonObject, object?> cell, int priority = 0, string type = "string") =>
        new(name, type, null, priority, name, (o, _) => cell(o) switch
        {
            null => null,
            JsonNode n => n,
            int i => JsonValue.Create(i),
            long l => JsonValue.Create(l),
            var v => JsonValue.Create(Convert.ToString(v, CultureInfo.InvariantCulture)),
        });

    private static string? Str(JsonNode? o, string path)
    {
        foreach (var segment in path.Split('.'))
        {
            o = o is JsonObject obj ? obj[segment] : null;
        }

        return o is JsonValue v && v.TryGetValue<string>(out var s) ? s : o is JsonValue other ? other.ToJsonString() : null;
    }

    private static long Int(JsonObject o, string path, long fallback = 0) =>
        long.TryParse(Str(o, path), CultureInfo.InvariantCulture, out var v) ? v : fallback;

    private static int Count(JsonObject o, string field) => o[field] switch
    {
        JsonObject map => map.Count,
        JsonArray list => list.Count,
        _ => 0,
    };

    private static long Sum(JsonObject o, string path, string field) =>
        (o["status"]?[path.Split('.')[^1]] as JsonArray)?.Sum(c => long.TryParse(Str(c, field), CultureInfo.InvariantCulture, out var v) ? v : 0) ?? 0;

    private static string Map(JsonObject o, string path)
    {
        JsonNode? node = o;
        foreach (var segment in path.Split('.'))
        {
            node = node?[segment];
        }

        return node is JsonObject map && map.Count > 0 ? string.Join(",", map.Select(p => $"{p.Key}={p.Value}")) : "<none>";
    }

    private static string Join(JsonArray? items, Func<JsonNode?, string?> each)
    {
        var parts = items?.Select(each).Where(s => !string.IsNullOrEmpty(s)).ToList() ?? [];
        return parts.Count == 0 ? "<none>" : string.Join(",", parts);
    }

    private static string PodReady(JsonObject o)
    {
        var total = (o["spec"]?["containers"] as JsonArray)?.Count ?? 0;
        var ready = (o["status"]?["containerStatuses"] as JsonArray)?.Count(c => c?["ready"]?.GetValue<bool>() == true) ?? 0;
        return $"{ready}/{total}";
    }

    private static string ExternalIp(JsonObject o)
    {
        var external = (o["spec"]?["externalIPs"] as JsonArray)?.Select(i => i?.GetValue<string>()).ToList() ?? [];
        if (Str(o, "spec.type") == "LoadBalancer")
        {
            var ingress = (o["status"]?["loadBalancer"]?["ingress"] as JsonArray)?.Select(i => Str(i, "ip") ?? Str(i, "hostname")).ToList() ?? [];
            external.AddRange(ingress);
            return external.Count == 0 ? "<pending>" : string.Join(",", external);
        }

        return Str(o, "spec.type") == "ExternalName" ? Str(o, "spec.externalName") ?? "<none>" : external.Count == 0 ? "<none>" : string.Join(",", external);
    }

    private static string ServicePorts(JsonObject o) => Join(o["spec"]?["ports"] as JsonArray, p =>
    {
        var node = Str(p, "nodePort");
        var protocol = Str(p, "protocol") ?? "TCP";
        return node is null ? $"{Str(p, "port")}/{protocol}" : $"{Str(p, "port")}:{node}/{protocol}";
    });

    private static string EndpointsList(JsonObject o)
    {
        var list = new List<string>();
        foreach (var subset in (o["subsets"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            foreach (var address in (subset["addresses"] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                foreach (var port in (subset["ports"] as JsonArray)?.OfType<JsonObject>() ?? [])
                {
                    list.Add($"{Str(address, "ip")}:{Str(port, "port")}");
                }
            }
        }

        return list.Count == 0 ? "<none>" : string.Join(",", list);
    }
}
