namespace Smi.Operator.Tests.Local;

/// <summary>A small permissive canary app for local-mode tests.</summary>
internal static class LocalManifests
{
    public const string App = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: demo}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web-v1, namespace: demo}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web, version: v1}}
          template:
            metadata: {labels: {app: web, version: v1}}
            spec:
              serviceAccountName: web-v1
              containers: [{name: app, image: echo, ports: [{containerPort: 8080}]}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web-v2, namespace: demo}
        spec:
          selector: {matchLabels: {app: web, version: v2}}
          template:
            metadata: {labels: {app: web, version: v2}}
            spec:
              serviceAccountName: web-v2
              containers: [{name: app, image: echo, ports: [{containerPort: 8080}]}]
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
              containers: [{name: app, image: echo}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: demo}
        spec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: 8080}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web-v1, namespace: demo}
        spec: {selector: {app: web, version: v1}, ports: [{name: http, port: 80, targetPort: 8080}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web-v2, namespace: demo}
        spec: {selector: {app: web, version: v2}, ports: [{name: http, port: 80, targetPort: 8080}]}
        ---
        apiVersion: specs.smi-spec.io/v1alpha4
        kind: TCPRoute
        metadata: {name: all, namespace: demo}
        spec: {matches: {ports: []}}
        ---
        apiVersion: access.smi-spec.io/v1alpha3
        kind: TrafficTarget
        metadata: {name: client-to-v1, namespace: demo}
        spec:
          destination: {kind: ServiceAccount, name: web-v1, namespace: demo}
          rules: [{kind: TCPRoute, name: all}]
          sources: [{kind: ServiceAccount, name: client, namespace: demo}]
        ---
        apiVersion: access.smi-spec.io/v1alpha3
        kind: TrafficTarget
        metadata: {name: client-to-v2, namespace: demo}
        spec:
          destination: {kind: ServiceAccount, name: web-v2, namespace: demo}
          rules: [{kind: TCPRoute, name: all}]
          sources: [{kind: ServiceAccount, name: client, namespace: demo}]
        """;

    public static string Split(int v1, int v2) => $$"""
        apiVersion: split.smi-spec.io/v1alpha4
        kind: TrafficSplit
        metadata: {name: web, namespace: demo}
        spec:
          service: web
          backends:
          - {service: web-v1, weight: {{v1}}}
          - {service: web-v2, weight: {{v2}}}
        """;
}
