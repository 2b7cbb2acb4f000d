namespace Smi.Sandbox.Tests.Node;

/// <summary>
/// Manifests for the real-traffic netns tests: opaque TCP (redis, a client-first line protocol, a
/// server-first banner on a declared opaque port, an 80/20 TCP split), HTTPS to pods outside the mesh
/// and an HTTP Service whose readiness probe runs under default deny.
/// </summary>
internal static class TcpManifests
{
    /// <summary>Python servers the pods run: <c>line</c> answers each line with the pod's name and the line (client-first); <c>banner</c> greets first (server-first).</summary>
    private const string LineServer = "import os,socketserver\nclass H(socketserver.StreamRequestHandler):\n  def handle(self):\n    for line in self.rfile:\n      self.wfile.write(os.environ['POD_NAME'].encode()+b' '+line)\nsocketserver.ThreadingTCPServer.allow_reuse_address=True\nsocketserver.ThreadingTCPServer(('0.0.0.0',int(os.environ['PORT'])),H).serve_forever()";

    private const string BannerServer = "import os,socketserver\nclass H(socketserver.StreamRequestHandler):\n  def handle(self):\n    self.wfile.write(b'220 '+os.environ['POD_NAME'].encode()+b' ready\\r\\n')\n    self.rfile.readline()\nsocketserver.ThreadingTCPServer.allow_reuse_address=True\nsocketserver.ThreadingTCPServer(('0.0.0.0',int(os.environ['PORT'])),H).serve_forever()";

    /// <summary>The mesh: namespace demo (meshed) and ext (not meshed); <paramref name="certDir"/> holds cert.pem and key.pem for the HTTPS servers.</summary>
    public static string Mesh(string certDir) => $$$$"""
        apiVersion: v1
        kind: Namespace
        metadata: {name: demo}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: ext, labels: {smi-operator.io/inject: disabled}}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: client, namespace: demo}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: intruder, namespace: demo}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: store, namespace: demo}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: kv, namespace: demo}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: web, namespace: demo}
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
              - {name: app, image: busybox, command: [sleep, "3600"]}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: intruder, namespace: demo}
        spec:
          selector: {matchLabels: {app: intruder}}
          template:
            metadata: {labels: {app: intruder}}
            spec:
              serviceAccountName: intruder
              containers:
              - {name: app, image: busybox, command: [sleep, "3600"]}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: store, namespace: demo}
        spec:
          selector: {matchLabels: {app: store}}
          template:
            metadata: {labels: {app: store}}
            spec:
              serviceAccountName: store
              containers:
              - name: redis
                image: redis
                command: [redis-server, --port, "6379", --save, "", --appendonly, "no", --protected-mode, "no"]
                ports: [{containerPort: 6379}]
                readinessProbe: {tcpSocket: {port: 6379}, periodSeconds: 1}
              - name: lines
                image: python
                command: [python3, -c, {{{{Quote(LineServer)}}}}]
                env: [{name: PORT, value: "7000"}, {name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]
                ports: [{containerPort: 7000}]
              - name: banner
                image: python
                command: [python3, -c, {{{{Quote(BannerServer)}}}}]
                env: [{name: PORT, value: "2525"}, {name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]
                ports: [{containerPort: 2525}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: redis, namespace: demo}
        spec:
          selector: {app: store}
          ports: [{port: 6379, name: redis}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: lines, namespace: demo}
        spec:
          selector: {app: store}
          ports: [{port: 7000, name: lines}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: banner, namespace: demo}
        spec:
          selector: {app: store}
          ports: [{port: 2525, name: smtp, appProtocol: tcp}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: kv-a, namespace: demo}
        spec:
          replicas: 2
          selector: {matchLabels: {app: kv-a}}
          template:
            metadata: {labels: {app: kv-a, group: kv}}
            spec:
              serviceAccountName: kv
              containers:
              - name: app
                image: python
                command: [python3, -c, {{{{Quote(LineServer)}}}}]
                env: [{name: PORT, value: "9000"}, {name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]
                ports: [{containerPort: 9000}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: kv-b, namespace: demo}
        spec:
          selector: {matchLabels: {app: kv-b}}
          template:
            metadata: {labels: {app: kv-b, group: kv}}
            spec:
              serviceAccountName: kv
              containers:
              - name: app
                image: python
                command: [python3, -c, {{{{Quote(LineServer)}}}}]
                env: [{name: PORT, value: "9000"}, {name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]
                ports: [{containerPort: 9000}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: kv, namespace: demo}
        spec:
          selector: {group: kv}
          ports: [{port: 9000, name: kv}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: kv-a, namespace: demo}
        spec:
          selector: {app: kv-a}
          ports: [{port: 9000, name: kv}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: kv-b, namespace: demo}
        spec:
          selector: {app: kv-b}
          ports: [{port: 9000, name: kv}]
        ---
        apiVersion: split.smi-spec.io/v1alpha4
        kind: TrafficSplit
        metadata: {name: kv, namespace: demo}
        spec:
          service: kv
          backends: [{service: kv-a, weight: 80}, {service: kv-b, weight: 20}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: demo}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              serviceAccountName: web
              containers:
              - name: app
                image: echo
                ports: [{containerPort: 8080}]
                readinessProbe: {httpGet: {path: /ready, port: 8080}, periodSeconds: 1}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: demo}
        spec:
          selector: {app: web}
          ports: [{port: 80, targetPort: 8080, name: http}]
        ---
        apiVersion: specs.smi-spec.io/v1alpha4
        kind: TCPRoute
        metadata: {name: all-tcp, namespace: demo}
        spec: {}
        ---
        apiVersion: access.smi-spec.io/v1alpha3
        kind: TrafficTarget
        metadata: {name: client-store, namespace: demo}
        spec:
          destination: {kind: ServiceAccount, name: store, namespace: demo}
          sources: [{kind: ServiceAccount, name: client, namespace: demo}]
          rules: [{kind: TCPRoute, name: all-tcp}]
        ---
        apiVersion: access.smi-spec.io/v1alpha3
        kind: TrafficTarget
        metadata: {name: client-kv, namespace: demo}
        spec:
          destination: {kind: ServiceAccount, name: kv, namespace: demo}
          sources: [{kind: ServiceAccount, name: client, namespace: demo}]
          rules: [{kind: TCPRoute, name: all-tcp}]
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: secure, namespace: ext}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: secure, namespace: ext}
        spec:
          selector: {matchLabels: {app: secure}}
          template:
            metadata: {labels: {app: secure}}
            spec:
              serviceAccountName: secure
              containers:
              - name: app
                image: openssl
                command: [openssl, s_server, -quiet, -www, -accept, "8443", -cert, {{{{certDir}}}}/cert.pem, -key, {{{{certDir}}}}/key.pem]
                ports: [{containerPort: 8443}]
                readinessProbe: {tcpSocket: {port: 8443}, periodSeconds: 1}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: secure, namespace: ext}
        spec:
          selector: {app: secure}
          ports: [{port: 443, targetPort: 8443, name: https}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: outside, namespace: ext, labels: {app: outside}}
        spec:
          serviceAccountName: secure
          containers:
          - name: app
            image: openssl
            command: [openssl, s_server, -quiet, -www, -accept, "8443", -cert, {{{{certDir}}}}/cert.pem, -key, {{{{certDir}}}}/key.pem]
            ports: [{containerPort: 8443}]
            readinessProbe: {tcpSocket: {port: 8443}, periodSeconds: 1}
        """;

    /// <summary>A YAML double-quoted scalar.</summary>
    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
