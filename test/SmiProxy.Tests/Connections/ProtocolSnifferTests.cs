using System.Buffers;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using SmiProxy.Connections;

namespace SmiProxy.Tests.Connections;

public sealed class ProtocolSnifferTests
{
    [Theory]
    [InlineData("GET / HTTP/1.1\r\n", "Http1")]
    [InlineData("POST /x HTTP/1.0\r\n", "Http1")]
    [InlineData("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "Http2")]
    [InlineData("PRI * HTTP/2", "NeedMore")]
    [InlineData("GE", "NeedMore")]
    [InlineData("*1\r\n$4\r\nPING\r\n", "Opaque")]
    [InlineData("GETX", "Opaque")]
    [InlineData("", "NeedMore")]
    public void Sniff_FirstBytes_Classified(string bytes, string expected)
    {
        Assert.Equal(Enum.Parse<SniffedProtocol>(expected), ProtocolSniffer.Sniff(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(bytes)), out _));
    }

    [Fact]
    public async Task Sniff_RealClientHello_TlsWithItsServerName_AndNeedMoreWhenCut()
    {
        var hello = await CaptureClientHelloAsync("payments.example.com");

        Assert.Equal(SniffedProtocol.Tls, ProtocolSniffer.Sniff(new ReadOnlySequence<byte>(hello), out var name));
        Assert.Equal("payments.example.com", name);
        Assert.Equal(SniffedProtocol.NeedMore, ProtocolSniffer.Sniff(new ReadOnlySequence<byte>(hello.AsMemory(0, 40)), out _));
    }

    [Fact]
    public void Sniff_HandshakeByteThenGarbage_Opaque()
    {
        Assert.Equal(SniffedProtocol.Opaque, ProtocolSniffer.Sniff(new ReadOnlySequence<byte>([0x16, 0x01, 0x00, 0x00, 0x05]), out _));
    }

    [Theory]
    [InlineData(new byte[] { 2, 0, 0x00, 0x50, 10, 96, 0, 10, 0, 0, 0, 0, 0, 0, 0, 0 }, "10.96.0.10:80")]
    public void OriginalDestination_Sockaddr_Parsed(byte[] sockaddr, string expected)
    {
        Assert.Equal(IPEndPoint.Parse(expected), OriginalDestination.Parse(sockaddr));
    }

    [Fact]
    public void OriginalDestination_Sockaddr6_Parsed()
    {
        var sockaddr = new byte[28];
        sockaddr[0] = 10;
        sockaddr[2] = 0x18;
        sockaddr[3] = 0xEB; // 6379
        IPAddress.Parse("fd00:10:96::a").GetAddressBytes().CopyTo(sockaddr, 8);

        Assert.Equal(new IPEndPoint(IPAddress.Parse("fd00:10:96::a"), 6379), OriginalDestination.Parse(sockaddr));
    }

    private static async Task<byte[]> CaptureClientHelloAsync(string host)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port).WaitAsync(TimeSpan.FromSeconds(5));
        using var server = await listener.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(5));
        var ssl = new SslStream(client.GetStream());
        _ = ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = host, RemoteCertificateValidationCallback = (_, _, _, _) => true });
        var buffer = new byte[16 * 1024];
        var total = 0;
        var stream = server.GetStream();
        while (total < 5 || total < 5 + ((buffer[3] << 8) | buffer[4]))
        {
            var read = await stream.ReadAsync(buffer.AsMemory(total)).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
            Assert.NotEqual(0, read);
            total += read;
        }

        client.Close();
        return buffer[..total];
    }
}
