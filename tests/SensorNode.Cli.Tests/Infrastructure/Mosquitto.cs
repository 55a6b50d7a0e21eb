using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SensorNode.Cli.Tests.Infrastructure;

/// <summary>A real Mosquitto started from exactly the configuration file under test; killed on dispose.</summary>
public sealed class Mosquitto : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _log = new();

    private Mosquitto(Process process) => _process = process;

    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static bool Installed => File.Exists("/usr/sbin/mosquitto") || File.Exists("/usr/bin/mosquitto");

    public static async Task<Mosquitto> StartAsync(string configFile, params int[] ports)
    {
        var exe = File.Exists("/usr/sbin/mosquitto") ? "/usr/sbin/mosquitto" : "mosquitto";
        var start = new ProcessStartInfo(exe) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(configFile);
        var process = Process.Start(start)!;
        var broker = new Mosquitto(process);
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (broker._log) broker._log.AppendLine(e.Data); };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (broker._log) broker._log.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        foreach (var port in ports)
        {
            while (true)
            {
                if (process.HasExited) throw new InvalidOperationException($"mosquitto exited ({process.ExitCode}): {broker.Log}");
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(50);
                }
            }
        }
        return broker;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
