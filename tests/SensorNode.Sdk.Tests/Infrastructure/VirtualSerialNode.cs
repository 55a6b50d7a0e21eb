using System.IO.Ports;
using MQTTnet;
using SensorNode.Core.Config;
using SensorNode.Core.Hardware;
using SensorNode.Core.Json;
using SensorNode.Core.Protocol;
using SensorNode.Core.Provisioning;
using SensorNode.Core.Security;

namespace SensorNode.Sdk.Tests.Infrastructure;

/// <summary>
/// A node on the far end of a pseudo-terminal: the firmware core's <see cref="ProvisioningSession"/> polled over
/// an <see cref="ISerialLine"/> backed by a real serial port (the pty opened with System.IO.Ports). "test_broker"
/// really connects to the configured broker with MQTTnet.
/// </summary>
public sealed class VirtualSerialNode : IAsyncDisposable, ISerialLine, IProvisioningActions
{
    private readonly SerialPort _port;
    private readonly Thread _loop;
    private readonly CancellationTokenSource _stop = new();
    private readonly ProvisioningSession _session;

    public VirtualSerialNode(string device, string? bootNoise = null)
    {
        _port = new SerialPort(device, 115200) { ReadTimeout = 50, WriteTimeout = 2000 };
        _port.Open();
        Flash = new MemoryBlobStore();
        Store = new ConfigStore(Flash);
        Current = new NodeConfig();
        _session = new ProvisioningSession(this, Store, Current, this, new ReplayGuard(Flash));
        if (bootNoise != null)
        {
            var noise = System.Text.Encoding.ASCII.GetBytes(bootNoise);
            _port.Write(noise, 0, noise.Length);
        }
        _loop = new Thread(Run) { IsBackground = true };
        _loop.Start();
    }

    public MemoryBlobStore Flash { get; }
    public ConfigStore Store { get; }
    public NodeConfig Current { get; }
    public int Reboots;
    public int Commits;
    public bool Mute { get; set; }

    public ProvisioningSession Session => _session;

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                if (_session.Poll() == 0) Thread.Sleep(2);
            }
            catch (Exception)
            {
                // The pty went away (socat ended): the node is "unplugged".
                return;
            }
        }
    }

    // ISerialLine: non-blocking read of what the pty has.
    public int Read(byte[] buffer, int offset, int count)
    {
        if (Mute) { _port.DiscardInBuffer(); return 0; }
        int available = _port.BytesToRead;
        if (available <= 0) return 0;
        return _port.Read(buffer, offset, Math.Min(count, available));
    }

    public void Write(byte[] buffer, int offset, int count) => _port.Write(buffer, offset, count);

    // IProvisioningActions
    public string FirmwareVersion => "1.0.0";
    public string Board => "esp32-devkitc";
    public string State => Store.Generation > 0 ? "running" : "provisioning";
    public void Reboot() => Interlocked.Increment(ref Reboots);
    public bool FactoryReset() => true;
    public void ConfigCommitted(NodeConfig config) => Interlocked.Increment(ref Commits);

    public bool WriteLiveValues(JsonWriter w)
    {
        w.BeginObject();
        w.Prop("vrms", 1.25f);
        w.Prop("temp", 41.5f);
        w.EndObject();
        return true;
    }

    public int TestBroker(NodeConfig config, out string detail)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        try
        {
            var options = new MqttClientOptionsBuilder()
                .WithTcpServer(config.BrokerHost, config.BrokerPort)
                .WithClientId(config.EffectiveClientId + "-test")
                .WithCredentials(config.BrokerUsername, config.BrokerPassword)
                .WithTimeout(TimeSpan.FromSeconds(3))
                .Build();
            var result = client.ConnectAsync(options).GetAwaiter().GetResult();
            detail = "connack " + result.ResultCode;
            client.DisconnectAsync().GetAwaiter().GetResult();
            return result.ResultCode == MqttClientConnectResultCode.Success ? ResultCode.Ok : ResultCode.Failed;
        }
        catch (Exception ex)
        {
            detail = ex is MQTTnet.Adapter.MqttConnectingFailedException ? "connect refused: " + ex.Message : "connect failed";
            return ResultCode.Failed;
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _loop.Join(TimeSpan.FromSeconds(2));
        _ = Task.Run(() => { try { _port.Close(); } catch (Exception) { } });
        return ValueTask.CompletedTask;
    }
}
