using System.Net;
using System.Net.Sockets;

namespace SensorNode.Sdk.Tests.Infrastructure;

/// <summary>
/// A loopback TCP forwarder in front of the broker. <see cref="CutAll"/> resets every forwarded connection the way a
/// pulled network cable or a crashed node does: no MQTT DISCONNECT reaches the broker, so it publishes the Will.
/// </summary>
public sealed class TcpCutProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _sockets = new();
    private readonly Task _acceptLoop;

    public TcpCutProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket inbound;
            try { inbound = await _listener.AcceptSocketAsync(_stop.Token); }
            catch { return; }
            var outbound = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try { await outbound.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token); }
            catch { inbound.Dispose(); outbound.Dispose(); continue; }
            lock (_sockets) { _sockets.Add(inbound); _sockets.Add(outbound); }
            _ = PumpAsync(inbound, outbound);
            _ = PumpAsync(outbound, inbound);
        }
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16384];
        try
        {
            while (true)
            {
                int n = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (n == 0) break;
                await to.SendAsync(buffer.AsMemory(0, n), SocketFlags.None);
            }
        }
        catch
        {
            // a cut connection ends both pumps
        }
        try { to.Shutdown(SocketShutdown.Both); } catch { }
    }

    /// <summary>Resets every connection (RST, linger 0).</summary>
    public void CutAll()
    {
        lock (_sockets)
        {
            foreach (var socket in _sockets)
            {
                try { socket.LingerState = new LingerOption(true, 0); socket.Close(); } catch { }
            }
            _sockets.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        CutAll();
        try { await _acceptLoop; } catch { }
        _stop.Dispose();
    }
}
