using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Xml.Linq;
using MQTTnet;
using SensorNode.Cli.Broker;
using SensorNode.Cli.Tests.Infrastructure;
using SensorNode.Sdk.Config;
using SensorNode.Sdk.Feed;
using SensorNode.Sdk.Mqtt;
using SensorNode.Sdk.Registry;
using SensorNode.Simulator;
using SensorNode.Simulator.Machines;
using SensorNode.Simulator.Mqtt;
using SensorNode.Simulator.Scheduling;
using Xunit;

namespace SensorNode.Cli.Tests;

/// <summary>
/// A hardened Mosquitto from <c>sensornode broker setup</c> (TLS, passwords, ACLs), a virtual node running the real
/// firmware core on a machine with an outer-race defect, and a registry holding the node's command key — shared by the
/// <c>spectrum --node</c> tests below.
/// </summary>
public sealed class SpectrumNodeFixture : IAsyncLifetime
{
    public const string Site = "plant7";
    /// <summary>Outer-race defect (SKF 6205 at 1485 r/min).</summary>
    public const string Bearing = "spec-01";
    /// <summary>Configured with a key but never online.</summary>
    public const string Offline = "spec-02";
    /// <summary>Imbalance: velocity at 1× dominates.</summary>
    public const string Imbalance = "spec-03";

    private readonly TempDir _dir = new("sn-spec");
    private Mosquitto? _broker;
    private readonly List<Fleetless> _nodes = [];

    public string Directory => _dir.Path;
    public string Registry => _dir.File("registry.db");
    public string Ca { get; private set; } = "";
    public string Secrets { get; private set; } = "";
    /// <summary>The TLS listener: nodes and the tool trust the site CA.</summary>
    public int Port { get; private set; }
    public string Log => _broker?.Log ?? "";

    public async Task InitializeAsync()
    {
        if (!Mosquitto.Installed) return;
        Port = Mosquitto.FreePort();
        var setup = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "broker", "setup", "--out", _dir.File("broker"), "--site", Site,
            "--node", Bearing, "--node", Offline, "--node", Imbalance, "--tls-port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--run-as-user", Environment.UserName, "--json");
        Assert.True(setup.ExitCode == 0, setup.StdErr);
        var files = JsonDocument.Parse(setup.StdOut).RootElement;
        Ca = files.GetProperty("caCertificate").GetString()!;
        Secrets = files.GetProperty("secretsFile").GetString()!;
        var passwords = BrokerSetup.ReadPasswords(Secrets);
        _broker = await Mosquitto.StartAsync(files.GetProperty("config").GetString()!, Port);
        string caPem = await File.ReadAllTextAsync(Ca);

        // A node's command key lives in the node (set at provisioning) and in the host's registry.
        await using var registry = await SqliteNodeRegistry.OpenAsync(Registry);
        await registry.SetNodeKeyAsync(Offline, RandomNumberGenerator.GetBytes(32));
        foreach (var (id, kind) in new[] { (Bearing, MachineKind.OuterRace), (Imbalance, MachineKind.Imbalance) })
        {
            var key = RandomNumberGenerator.GetBytes(32);
            await registry.SetNodeKeyAsync(id, key);
            var node = new VirtualNode(new VirtualNodeOptions
            {
                NodeId = id,
                Site = Site,
                AssetName = $"{MachineSpec.KindName(kind)} machine",
                Machine = MachineSpec.For(kind),
                BrokerHost = "localhost",
                BrokerPort = Port,
                BrokerTls = true,
                BrokerCaPem = caPem,
                Username = id,
                Password = passwords[id],
                CommandKey = key,
                ReportIntervalSeconds = 1,
                AlarmReportIntervalSeconds = 1,
            }, new WaveformLibrary(), new MqttNetLink(new MqttClientFactory()));
            _nodes.Add(new Fleetless(node));
        }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var f in _nodes)
        {
            var node = f.Node;
            while (!(node.Link.IsConnected && node.Runtime.CyclesCompleted >= 1))
            {
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"Virtual node {node.NodeId} did not connect and measure within 30 s (state {node.Runtime.State}, connected {node.Link.IsConnected}, cycles {node.Runtime.CyclesCompleted}, scheduler faults {f.Faults}: {f.LastFault}): {Log}");
                await Task.Delay(100);
            }
        }

        // The retrofitter's first config push: the bearing node applies it and publishes its reported config
        // (retained) — where the tool finds the shaft speed and bearing geometry for the markers.
        string hostUser = JsonDocument.Parse(await File.ReadAllTextAsync(Secrets)).RootElement.GetProperty("hostUser").GetString()!;
        var hostBroker = new BrokerOptions
        {
            Host = "localhost", Port = Port, UseTls = true, CaCertificateFile = Ca, Username = hostUser, Password = passwords[hostUser],
        };
        await using var config = new ConfigService(new ConfigServiceOptions { Broker = hostBroker }, registry);
        await config.StartAsync();
        var pushed = await config.PushPartialConfigAsync(new NodeRef(Site, Bearing), """{"report":{"healthIntervalS":120}}""");
        Assert.True(pushed.Outcome == ConfigOutcome.Applied, pushed.Summary);
    }

    public async Task DisposeAsync()
    {
        foreach (var f in _nodes) await f.DisposeAsync();
        if (_broker != null) await _broker.DisposeAsync();
        _dir.Dispose();
    }

    public string[] Args(string node, params string[] more) =>
    [
        "spectrum", "--node", node, "--site", Site, "--broker", $"mqtts://localhost:{Port}", "--ca", Ca, "--secrets", Secrets,
        "--registry", Registry, .. more,
    ];

    /// <summary>One virtual node driven by its own scheduler, disconnected cleanly on dispose.</summary>
    private sealed class Fleetless : IAsyncDisposable
    {
        private readonly NodeScheduler _scheduler = new(workers: 1);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _run;

        public Fleetless(VirtualNode node)
        {
            Node = node;
            _scheduler.Add(node, 0);
            _run = _scheduler.RunAsync(_stop.Token);
        }

        public VirtualNode Node { get; }

        public long Faults => _scheduler.Faults;

        public Exception? LastFault => _scheduler.LastFault;

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await _run;
            }
            catch (OperationCanceledException)
            {
            }
            Node.Link.Disconnect();
            (Node.Link as IDisposable)?.Dispose();
            _stop.Dispose();
        }
    }
}

/// <summary><c>sensornode spectrum --node</c> run as a user runs it, against <see cref="SpectrumNodeFixture"/>.</summary>
public sealed class SpectrumNodeTests(SpectrumNodeFixture fixture) : IClassFixture<SpectrumNodeFixture>
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(90);

    private static Dictionary<string, double> Markers(JsonElement result) => result.GetProperty("markers").EnumerateArray()
        .ToDictionary(m => m.GetProperty("label").GetString()!, m => m.GetProperty("frequencyHz").GetDouble());

    [SkippableMosquittoFact]
    public async Task Acceleration_spectrum_of_an_outer_race_defect_has_markers_from_the_nodes_config()
    {
        var file = Path.Combine(fixture.Directory, "bearing-accel.svg");
        var run = await CliProcess.RunAsync(ProcessTimeout, fixture.Args(SpectrumNodeFixture.Bearing, "--timeout", "20s", "-o", file, "--json"));
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.StdErr}{run.StdOut}{fixture.Log}");
        var result = JsonDocument.Parse(run.StdOut).RootElement;
        Assert.Equal(("x", "accel", "m/s2"), (result.GetProperty("axis").GetString(), result.GetProperty("kind").GetString(), result.GetProperty("unit").GetString()));
        // 2048-point FFT at 3200 Hz up to Nyquist: 1025 bins of 1.5625 Hz in 5 chunks of ≤ 256, reassembled.
        Assert.Equal(1025, result.GetProperty("bins").GetInt32());
        Assert.Equal(5, result.GetProperty("chunks").GetInt32());
        Assert.Equal(1.5625, result.GetProperty("binHz").GetDouble(), 6);

        // Shaft speed and bearing geometry come from the node's retained reported config (1485 r/min, SKF 6205).
        var spec = MachineSpec.For(MachineKind.OuterRace);
        double shaft = spec.ShaftHz;
        Assert.Equal("config", result.GetProperty("shaftSource").GetString());
        Assert.Equal(shaft, result.GetProperty("shaftHz").GetDouble(), 2);
        var markers = Markers(result);
        Assert.Equal(shaft, markers["1×"], 0.01);
        Assert.Equal(3 * shaft, markers["3×"], 0.01);
        Assert.Equal(spec.Bearing.Bpfo(shaft), markers["BPFO"], 0.05);
        Assert.Equal(spec.Bearing.Bpfi(shaft), markers["BPFI"], 0.05);

        // The defect's impacts ring the structural resonance (1150 Hz): that is where the acceleration peaks.
        Assert.InRange(result.GetProperty("peakHz").GetDouble(), 950, 1350);

        // The SVG has the markers and the whole spectrum as one line.
        XNamespace ns = "http://www.w3.org/2000/svg";
        var svg = XDocument.Load(file);
        var labels = svg.Descendants(ns + "line").Where(l => (string?)l.Attribute("class") == "marker").Select(l => (string)l.Attribute("data-label")!).ToList();
        Assert.Contains("BPFO", labels);
        Assert.Contains("1×", labels);
        var points = svg.Descendants(ns + "polyline").Single().Attribute("points")!.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1025, points.Length);
    }

    [SkippableMosquittoFact]
    public async Task Velocity_spectrum_of_an_imbalanced_machine_peaks_at_1x_and_a_second_request_at_once_is_busy()
    {
        var file = Path.Combine(fixture.Directory, "imbalance-velocity.svg");
        var run = await CliProcess.RunAsync(ProcessTimeout, fixture.Args(SpectrumNodeFixture.Imbalance, "--kind", "velocity", "--axis", "y", "--max-hz", "500",
            "--timeout", "20s", "-o", file, "--json"));
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.StdErr}{run.StdOut}");
        var result = JsonDocument.Parse(run.StdOut).RootElement;
        Assert.Equal(("y", "velocity", "mm/s"), (result.GetProperty("axis").GetString(), result.GetProperty("kind").GetString(), result.GetProperty("unit").GetString()));
        double binHz = result.GetProperty("binHz").GetDouble();
        Assert.Equal((int)(500 / binHz) + 1, result.GetProperty("bins").GetInt32()); // the node cut it at maxHz
        double oneX = Markers(result)["1×"];
        double peak = result.GetProperty("peakHz").GetDouble();
        Assert.True(Math.Abs(peak - oneX) <= 2 * binHz, $"velocity peak at {peak:F2} Hz, 1× at {oneX:F2} Hz");
        Assert.InRange(result.GetProperty("peakAmplitude").GetDouble(), 2.0, 20.0); // mm/s, about 6 mm/s RMS at 1×

        // The node takes one snapshot per 10 s: asking again at once is refused with its result code.
        var again = await CliProcess.RunAsync(ProcessTimeout, fixture.Args(SpectrumNodeFixture.Imbalance, "--kind", "velocity", "-o", Path.Combine(fixture.Directory, "again.svg"), "--json"));
        Assert.Equal(ExitCodes.Rejected, again.ExitCode);
        var error = JsonDocument.Parse(again.StdOut).RootElement.GetProperty("error");
        Assert.Equal("busy", error.GetProperty("result").GetString());
    }

    [SkippableMosquittoFact]
    public async Task An_envelope_snapshot_the_firmware_does_not_offer_exits_7_with_the_nodes_result_code()
    {
        var file = Path.Combine(fixture.Directory, "envelope.svg");
        var run = await CliProcess.RunAsync(ProcessTimeout, fixture.Args(SpectrumNodeFixture.Bearing, "--kind", "envelope", "-o", file, "--json"));
        Assert.Equal(ExitCodes.Unavailable, run.ExitCode);
        var error = JsonDocument.Parse(run.StdOut).RootElement.GetProperty("error");
        Assert.Equal("not_supported", error.GetProperty("result").GetString());
        Assert.Equal(26, error.GetProperty("resultCode").GetInt32());
        Assert.Contains("not_supported", run.StdErr);
        Assert.False(File.Exists(file));
    }

    [SkippableMosquittoFact]
    public async Task A_node_that_does_not_answer_times_out_with_8()
    {
        var run = await CliProcess.RunAsync(ProcessTimeout, fixture.Args(SpectrumNodeFixture.Offline, "--timeout", "2s", "-o", Path.Combine(fixture.Directory, "none.svg"), "--json"));
        Assert.Equal(ExitCodes.Timeout, run.ExitCode);
        Assert.Contains(SpectrumNodeFixture.Offline, run.StdErr);
        Assert.False(File.Exists(Path.Combine(fixture.Directory, "none.svg")));
    }

    [SkippableMosquittoFact]
    public async Task A_node_without_a_command_key_or_a_known_site_is_not_found_with_3()
    {
        var noKey = await CliProcess.RunAsync(ProcessTimeout, fixture.Args("spec-99", "-o", Path.Combine(fixture.Directory, "x.svg")));
        Assert.Equal(ExitCodes.NotFound, noKey.ExitCode);
        Assert.Contains("command key", noKey.StdErr);

        var noSite = await CliProcess.RunAsync(ProcessTimeout, "spectrum", "--node", "spec-99", "--registry", fixture.Registry, "--broker", $"mqtts://localhost:{fixture.Port}");
        Assert.Equal(ExitCodes.NotFound, noSite.ExitCode);
        Assert.Contains("--site", noSite.StdErr);
    }

    [Fact]
    public async Task Velocity_without_a_node_is_a_usage_error()
    {
        var run = await CliProcess.RunAsync(ProcessTimeout, "spectrum", "--machine", "outer-race", "--kind", "velocity", "-o", Path.Combine(Path.GetTempPath(), "never.svg"));
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
    }
}
