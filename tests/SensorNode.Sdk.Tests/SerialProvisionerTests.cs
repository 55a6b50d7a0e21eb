using Microsoft.Data.Sqlite;
using SensorNode.Core.Config;
using SensorNode.Core.Protocol;
using SensorNode.Sdk.Provisioning;
using SensorNode.Sdk.Registry;
using SensorNode.Sdk.Tests.Infrastructure;

namespace SensorNode.Sdk.Tests;

/// <summary>End-to-end provisioning over a real socat pseudo-terminal pair, with the core's provisioning session
/// running as the node on the far end.</summary>
public sealed class SerialProvisionerTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>, IAsyncLifetime
{
    private SocatPtyPair _pty = null!;
    private readonly string _dir = ExternalTool.NewTempDirectory("sn-prov");

    public async Task InitializeAsync() => _pty = await SocatPtyPair.StartAsync();

    public async Task DisposeAsync()
    {
        await _pty.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private SerialProvisionerOptions Options(double timeoutSeconds = 5) => new()
    {
        PortName = _pty.HostEnd,
        ResponseTimeout = TimeSpan.FromSeconds(timeoutSeconds),
        BrokerTestTimeout = TimeSpan.FromSeconds(10),
    };

    [Fact]
    public async Task A_new_node_is_provisioned_tested_against_the_broker_committed_and_keyed()
    {
        await using var node = new VirtualSerialNode(_pty.NodeEnd, bootNoise: "ets Jun  8 2016 00:22:57\r\nrst:0x1 (POWERON_RESET)\r\n\r\n");
        var (provisioner, identity) = await SerialProvisioner.OpenAsync(Options());
        await using var _ = provisioner;
        Assert.Equal((1, "1.0.0", "esp32-devkitc", false), (identity.ProtocolVersion, identity.FirmwareVersion, identity.Board, identity.Provisioned));
        Assert.Equal("provisioning", identity.State);

        string password = fixture.Broker.PasswordOf("n08");
        await provisioner.SetFieldsAsync(new Dictionary<string, object?>
        {
            ["node.id"] = "n08",
            ["node.site"] = "plant1",
            ["node.asset"] = "Compressor 3",
            ["wifi.ssid"] = "plant-wifi",
            ["wifi.password"] = "wifi-pass-123",
            ["broker.host"] = "127.0.0.1",
            ["broker.port"] = fixture.Broker.Port,
            ["broker.tls"] = false,
            ["broker.user"] = "n08",
            ["broker.password"] = password,
            ["bands.velocity.lo"] = 2.0,
        });
        Assert.True((await provisioner.ValidateAsync()).IsOk);
        var (reachable, detail) = await provisioner.TestBrokerAsync();
        Assert.True(reachable, detail);
        Assert.Null(node.Store.Generation == 0 ? null : "committed too early");

        string? hash = await provisioner.CommitAsync();
        Assert.Equal(ConfigHash.Compute(node.Current), hash);
        await Eventually.WaitAsync(() => node.Commits == 1, "the node applied the committed config"); // called right after the answer
        var reloaded = new NodeConfig();
        Assert.True(new ConfigStore(node.Flash).Load(reloaded, new FieldErrors()));
        Assert.Equal(("n08", "plant1", 2.0f, password), (reloaded.NodeId, reloaded.Site, reloaded.VelocityBandLowHz, reloaded.BrokerPassword));

        // Reading back never shows a secret.
        var config = await provisioner.GetConfigAsync();
        Assert.False(config.IsDraft);
        Assert.Equal("Compressor 3", config.Config.AssetName);
        Assert.DoesNotContain(password, config.RedactedJson);
        Assert.DoesNotContain("wifi-pass-123", config.RedactedJson);
        Assert.Contains("\"passwordSet\":true", config.RedactedJson);

        // A command key: on the node and in the registry, the same bytes.
        await using var registry = await SqliteNodeRegistry.OpenAsync(Path.Combine(_dir, "registry.db"));
        await provisioner.SetNewCommandKeyAsync(registry, "n08");
        Assert.Equal(node.Current.CommandKey, await registry.GetNodeKeyAsync("n08"));
        Assert.Equal(32, node.Current.CommandKey.Length);

        var identityAfter = await provisioner.HelloAsync();
        Assert.True(identityAfter.Provisioned);
        Assert.Equal("n08", identityAfter.NodeId);
        Assert.Contains("vrms", await provisioner.LiveAsync());
        Assert.Equal(0, node.Session.InternalErrors);
    }

    [Fact]
    public async Task Refusals_name_the_field_and_leave_the_node_unchanged()
    {
        await using var node = new VirtualSerialNode(_pty.NodeEnd);
        var (provisioner, _) = await SerialProvisioner.OpenAsync(Options());
        await using var _p = provisioner;

        var outOfRange = await Assert.ThrowsAsync<ProvisioningException>(() =>
            provisioner.SetFieldsAsync(new Dictionary<string, object?> { ["broker.port"] = 70000, ["node.id"] = "n09" }));
        Assert.Equal("broker.port", Assert.Single(outOfRange.Response!.Errors).Path);
        Assert.Contains("out_of_range", outOfRange.Message);
        Assert.False((await provisioner.HelloAsync()).HasDraft); // all or nothing: n09 was not taken either

        var nothing = await Assert.ThrowsAsync<ProvisioningException>(() => provisioner.CommitAsync());
        Assert.Equal("nothing_to_commit", nothing.Response!.Result);

        // A draft that is well-formed but incomplete: validate lists what is missing, commit refuses.
        await provisioner.SetFieldsAsync(new Dictionary<string, object?> { ["node.id"] = "n09" });
        var validation = await provisioner.ValidateAsync();
        Assert.False(validation.IsOk);
        Assert.Contains(validation.Errors, e => e.Path == "node.site" && e.Code == "missing_field");
        await Assert.ThrowsAsync<ProvisioningException>(() => provisioner.CommitAsync());
        Assert.Equal(0u, node.Store.Generation);

        await Assert.ThrowsAsync<ArgumentException>(() => provisioner.SetFieldsAsync(new Dictionary<string, object?> { ["x"] = new object() }));
    }

    [Fact]
    public async Task A_wrong_broker_password_is_reported_by_test_broker()
    {
        await using var node = new VirtualSerialNode(_pty.NodeEnd);
        var (provisioner, _) = await SerialProvisioner.OpenAsync(Options());
        await using var _p = provisioner;
        await provisioner.SetFieldsAsync(new Dictionary<string, object?>
        {
            ["node.id"] = "n10", ["node.site"] = "plant1", ["broker.host"] = "127.0.0.1", ["broker.port"] = fixture.Broker.Port,
            ["broker.tls"] = false, ["broker.user"] = "n10", ["broker.password"] = "not-the-password",
        });
        var (ok, detail) = await provisioner.TestBrokerAsync();
        Assert.False(ok);
        Assert.False(string.IsNullOrEmpty(detail));
    }

    [Fact]
    public async Task Silence_on_the_line_fails_with_a_clear_timeout()
    {
        await using var node = new VirtualSerialNode(_pty.NodeEnd) { Mute = true };
        var error = await Assert.ThrowsAsync<ProvisioningException>(() => SerialProvisioner.OpenAsync(Options(timeoutSeconds: 0.5)));
        Assert.Contains("No answer to 'hello'", error.Message);
        Assert.Contains(_pty.HostEnd, error.Message);
    }

    [Fact]
    public async Task A_missing_port_fails_with_a_clear_message()
    {
        var error = await Assert.ThrowsAsync<ProvisioningException>(() =>
            SerialProvisioner.OpenAsync(new SerialProvisionerOptions { PortName = "/dev/does-not-exist-sn" }));
        Assert.Contains("Cannot open serial port '/dev/does-not-exist-sn'", error.Message);
    }

    [Fact]
    public async Task The_provisioner_notices_when_the_device_disappears()
    {
        await using var node = new VirtualSerialNode(_pty.NodeEnd);
        var (provisioner, _) = await SerialProvisioner.OpenAsync(Options(timeoutSeconds: 1));
        await using var _p = provisioner;
        await _pty.DisposeAsync(); // cable pulled: socat and both ptys are gone
        var error = await Assert.ThrowsAsync<ProvisioningException>(() => provisioner.HelloAsync());
        Assert.Contains("'hello'", error.Message);
    }
}
