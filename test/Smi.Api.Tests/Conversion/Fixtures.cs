namespace Smi.Api.Tests.Conversion;

/// <summary>One rich manifest per kind and version: every field the version has, so round trips have something to lose.</summary>
internal static class Fixtures
{
    public const string Metadata = """
        metadata:
          name: sample
          namespace: shop
          uid: 6f1c2a3e-0000-4000-8000-000000000001
          generation: 3
          resourceVersion: "4711"
          creationTimestamp: "2024-05-06T07:08:09Z"
          labels:
            app: web
          annotations:
            team.example.com/owner: payments
          finalizers:
          - example.com/keep
          ownerReferences:
          - apiVersion: flagger.app/v1beta1
            kind: Canary
            name: web
            uid: 6f1c2a3e-0000-4000-8000-000000000002
        """;

    public const string Status = """
        status:
          observedGeneration: 3
          conditions:
          - type: Accepted
            status: "True"
            reason: Valid
            message: accepted
            observedGeneration: 3
            lastTransitionTime: "2024-05-06T07:08:10Z"
        """;

    public static IReadOnlyDictionary<(string Kind, string ApiVersion), string> All { get; } = new Dictionary<(string, string), string>
    {
        [("TrafficSplit", "split.smi-spec.io/v1alpha1")] = """
            spec:
              service: web
              backends:
              - service: web-v1
                weight: 1
              - service: web-v2
                weight: 500m
            """,
        [("TrafficSplit", "split.smi-spec.io/v1alpha2")] = """
            spec:
              service: web
              backends:
              - service: web-v1
                weight: 90
              - service: web-v2
                weight: 10
            """,
        [("TrafficSplit", "split.smi-spec.io/v1alpha3")] = """
            spec:
              service: web
              matches:
              - kind: HTTPRouteGroup
                name: ab-test
              backends:
              - service: web-v1
                weight: 0
              - service: web-v2
                weight: 100
            """,
        [("TrafficSplit", "split.smi-spec.io/v1alpha4")] = """
            spec:
              service: web
              matches:
              - kind: HTTPRouteGroup
                name: firefox
                apiGroup: specs.smi-spec.io
              - kind: HTTPRouteGroup
                name: insiders
              backends:
              - service: web-v1
                weight: 1000
              - service: web-v2
                weight: 500
            """,
        [("TrafficTarget", "access.smi-spec.io/v1alpha1")] = """
            destination:
              kind: ServiceAccount
              name: api
              namespace: shop
              port: 8080
            specs:
            - kind: HTTPRouteGroup
              name: api-routes
              matches:
              - metrics
            sources:
            - kind: ServiceAccount
              name: prometheus
              namespace: monitoring
            """,
        [("TrafficTarget", "access.smi-spec.io/v1alpha2")] = """
            spec:
              destination:
                kind: ServiceAccount
                name: api
                port: "9091"
              rules:
              - kind: TCPRoute
                name: api-port
              - kind: HTTPRouteGroup
                name: api-routes
              sources:
              - kind: ServiceAccount
                name: website
            """,
        [("TrafficTarget", "access.smi-spec.io/v1alpha3")] = """
            spec:
              destination:
                kind: ServiceAccount
                name: api
                namespace: shop
              rules:
              - kind: TCPRoute
                name: api-port
              - kind: UDPRoute
                name: dns
              - kind: HTTPRouteGroup
                name: api-routes
                matches:
                - api
                - metrics
              sources:
              - kind: ServiceAccount
                name: website
              - kind: ServiceAccount
                name: payments
                namespace: pay
            """,
        [("HTTPRouteGroup", "specs.smi-spec.io/v1alpha1")] = """
            matches:
            - name: metrics
              pathRegex: /metrics
              methods:
              - GET
            - name: health
              pathRegex: /ping
              methods: ["*"]
            """,
        [("HTTPRouteGroup", "specs.smi-spec.io/v1alpha2")] = """
            matches:
            - name: android-insiders
              headers:
                user-agent: ".*Android.*"
                cookie: "^(.*?;)?(type=insider)(;.*)?$"
            """,
        [("HTTPRouteGroup", "specs.smi-spec.io/v1alpha3")] = """
            spec:
              matches:
              - name: android-insiders
                methods: [GET, HEAD]
                headers:
                - user-agent: ".*Android.*"
                - cookie: "^(.*?;)?(type=insider)(;.*)?$"
            """,
        [("HTTPRouteGroup", "specs.smi-spec.io/v1alpha4")] = """
            spec:
              matches:
              - name: iphone-users
                pathRegex: /api/.*
                methods: [GET, HEAD]
                headers:
                  user-agent: ".*iPhone.*"
              - name: everything
                pathRegex: ".*"
                methods: ["*"]
            """,
        [("TCPRoute", "specs.smi-spec.io/v1alpha1")] = string.Empty,
        [("TCPRoute", "specs.smi-spec.io/v1alpha2")] = string.Empty,
        [("TCPRoute", "specs.smi-spec.io/v1alpha3")] = "spec: {}",
        [("TCPRoute", "specs.smi-spec.io/v1alpha4")] = """
            spec:
              matches:
                name: mysql
                ports:
                - 3306
                - 6446
            """,
        [("UDPRoute", "specs.smi-spec.io/v1alpha4")] = """
            spec:
              matches:
                ports:
                - 989
                - 990
            """,
    };

    public static string Yaml(string kind, string apiVersion, bool withStatus = false) =>
        $"apiVersion: {apiVersion}\nkind: {kind}\n{Metadata}\n{All[(kind, apiVersion)]}\n{(withStatus ? Status : string.Empty)}";

    /// <summary>Every (kind, from, to) where both versions serve the kind.</summary>
    public static TheoryData<string, string, string> Pairs()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (kind, from) in All.Keys)
        {
            foreach (var (otherKind, to) in All.Keys)
            {
                if (kind == otherKind)
                {
                    data.Add(kind, from, to);
                }
            }
        }

        return data;
    }
}
