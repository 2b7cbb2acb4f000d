namespace Smi.Sandbox.Tests.Node;

/// <summary>Manifests for the netns tests.</summary>
internal static class NetnsManifests
{
    /// <summary>A meshed client (sleeping) and two meshed echo pods behind Service web, the client allowed to web by an HTTP TrafficTarget; web's readiness probe is an httpGet on its app port.</summary>
    public const string ClientAndWeb = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: demo}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: web, namespace: demo}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: client, namespace: demo}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: demo}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              serviceAccountName: web
              containers:
              - name: app
                image: echo
                ports: [{containerPort: 8080}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: client, namespace: demo}
        spec:
          selector: {matchLabels: {app: client}}
          template:
            metadata: {labels: {app: client}}
            spec:
              serviceAccountName: client
              containers:
              - name: app
                image: busybox
                command: [sleep, "3600"]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: demo}
        spec:
          selector: {app: web}
          ports: [{port: 80, targetPort: 8080, name: http}]
        ---
        apiVersion: access.smi-spec.io/v1alpha3
        kind: TrafficTarget
        metadata: {name: client-web, namespace: demo}
        spec:
          destination: {kind: ServiceAccount, name: web, namespace: demo}
          sources: [{kind: ServiceAccount, name: client, namespace: demo}]
          rules: [{kind: HTTPRouteGroup, name: all, matches: [all]}]
        ---
        apiVersion: specs.smi-spec.io/v1alpha4
        kind: HTTPRouteGroup
        metadata: {name: all, namespace: demo}
        spec:
          matches: [{name: all, pathRegex: ".*"}]
        """;

    /// <summary>
    /// Outside the mesh (namespace <c>plain</c> labelled <c>smi-operator.io/inject: disabled</c>, so
    /// no sidecar and no interception): a sleeping client and one echo pod behind Service
    /// <c>echo</c> with three ports — <c>http</c> (80 → 8080, HTTP/1.1), <c>grpc</c> (9090 → the
    /// container port named grpc: h2c by name) and <c>api</c> (50051, h2c by
    /// <c>appProtocol: kubernetes.io/h2c</c> alone). The echo pod's readiness is a grpc probe.
    /// </summary>
    public const string PlainEcho = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: plain, labels: {smi-operator.io/inject: disabled}}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: echo, namespace: plain}
        spec:
          selector: {matchLabels: {app: echo}}
          template:
            metadata: {labels: {app: echo}}
            spec:
              containers:
              - name: app
                image: echo
                ports: [{containerPort: 8080, name: http}, {containerPort: 9090, name: grpc}, {containerPort: 50051}]
                readinessProbe: {grpc: {port: 9090}, periodSeconds: 1}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: client, namespace: plain}
        spec:
          selector: {matchLabels: {app: client}}
          template:
            metadata: {labels: {app: client}}
            spec:
              containers:
              - name: app
                image: busybox
                command: [sleep, "3600"]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: echo, namespace: plain}
        spec:
          selector: {app: echo}
          ports:
          - {name: http, port: 80, targetPort: 8080}
          - {name: grpc, port: 9090, targetPort: grpc}
          - {name: api, port: 50051, targetPort: 50051, appProtocol: kubernetes.io/h2c}
        """;

    /// <summary>
    /// A meshed client and Service <c>web</c> split 50/50 by a TrafficSplit between <c>web-v1</c>
    /// and <c>web-v2</c> (one pod each), the client allowed to web by an HTTP TrafficTarget
    /// matching every path (gRPC calls are POSTs to <c>/smi.echo.v1.Echo/...</c>). web's ports:
    /// <c>http</c> (80 → 8080) and <c>grpc</c> (9090, <c>appProtocol: grpc</c>).
    /// </summary>
    public const string MeshedSplit = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: demo}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: web, namespace: demo}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: client, namespace: demo}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web-v1, namespace: demo}
        spec:
          selector: {matchLabels: {app: web, version: v1}}
          template:
            metadata: {labels: {app: web, version: v1}}
            spec:
              serviceAccountName: web
              containers:
              - name: app
                image: echo
                ports: [{containerPort: 8080, name: http}, {containerPort: 9090, name: grpc}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web-v2, namespace: demo}
        spec:
          selector: {matchLabels: {app: web, version: v2}}
          template:
            metadata: {labels: {app: web, version: v2}}
            spec:
              serviceAccountName: web
              containers:
              - name: app
                image: echo
                ports: [{containerPort: 8080, name: http}, {containerPort: 9090, name: grpc}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: client, namespace: demo}
        spec:
          selector: {matchLabels: {app: client}}
          template:
            metadata: {labels: {app: client}}
            spec:
              serviceAccountName: client
              containers:
              - name: app
                image: busybox
                command: [sleep, "3600"]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: demo}
        spec:
          selector: {app: web}
          ports:
          - {name: http, port: 80, targetPort: http}
          - {name: grpc, port: 9090, targetPort: grpc, appProtocol: grpc}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web-v1, namespace: demo}
        spec:
          selector: {app: web, version: v1}
          ports:
          - {name: http, port: 80, targetPort: http}
          - {name: grpc, port: 9090, targetPort: grpc, appProtocol: grpc}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web-v2, namespace: demo}
        spec:
          selector: {app: web, version: v2}
          ports:
          - {name: http, port: 80, targetPort: http}
          - {name: grpc, port: 9090, targetPort: grpc, appProtocol: grpc}
        ---
        apiVersion: split.smi-spec.io/v1alpha4
        kind: TrafficSplit
        metadata: {name: web, namespace: demo}
        spec:
          service: web
          backends: [{service: web-v1, weight: 50}, {service: web-v2, weight: 50}]
        ---
        apiVersion: access.smi-spec.io/v1alpha3
        kind: TrafficTarget
        metadata: {name: client-web, namespace: demo}
        spec:
          destination: {kind: ServiceAccount, name: web, namespace: demo}
          sources: [{kind: ServiceAccount, name: client, namespace: demo}]
          rules: [{kind: HTTPRouteGroup, name: all, matches: [all]}]
        ---
        apiVersion: specs.smi-spec.io/v1alpha4
        kind: HTTPRouteGroup
        metadata: {name: all, namespace: demo}
        spec:
          matches: [{name: all, pathRegex: ".*", methods: ["*"]}]
        """;
}
