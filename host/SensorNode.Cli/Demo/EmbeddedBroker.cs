using System.Net;
using System.Net.Sockets;
using MQTTnet.Server;

namespace SensorNode.Cli.Demo;

/// <summary>The demo's MQTT broker: MQTTnet's server in this process, plain MQTT on 127.0.0.1 only, no accounts.
/// Good for a laptop demo; production uses Mosquitto from <c>sensornode broker setup</c> (TLS, passwords, ACLs).</summary>
public sealed class EmbeddedBroker : IAsyncDisposable
{
    private readonly MqttServer _server;

    private EmbeddedBroker(MqttServer server, int port)
    {
        _server = server;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"mqtt://127.0.0.1:{Port}";

    public static async Task<EmbeddedBroker> StartAsync(int port, CancellationToken cancellationToken)
    {
        if (port == 0) port = FreeLoopbackPort();
        var factory = new MqttServerFactory();
        var options = factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
            .WithDefaultEndpointPort(port)
            .Build();
        var server = factory.CreateMqttServer(options);
        await server.StartAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        return new EmbeddedBroker(server, port);
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _server.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            _server.Dispose();
        }
    }
}
