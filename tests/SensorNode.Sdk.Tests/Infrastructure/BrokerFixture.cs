namespace SensorNode.Sdk.Tests.Infrastructure;

/// <summary>One real Mosquitto per test class, with node identities n01..n24 and the host identity.</summary>
public sealed class BrokerFixture : IAsyncLifetime
{
    public static readonly string[] NodeIds = Enumerable.Range(1, 24).Select(i => $"n{i:D2}").ToArray();

    private MosquittoBroker? _broker;

    public MosquittoBroker Broker => _broker ?? throw new InvalidOperationException("Broker not started.");

    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartAsync(NodeIds);

    public async Task DisposeAsync()
    {
        if (_broker != null) await _broker.DisposeAsync();
    }

    /// <summary>A connected virtual node using its own broker identity.</summary>
    public async Task<VirtualNode> NodeAsync(string site, string nodeId, int? port = null)
    {
        var node = new VirtualNode(site, nodeId);
        await node.ConnectAsync(port ?? Broker.Port, Broker.PasswordOf(nodeId));
        return node;
    }
}

internal static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until true; fails with <paramref name="what"/> after the timeout.</summary>
    public static async Task WaitAsync(Func<bool> condition, string what, double seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out after {seconds} s waiting for: {what}");
            await Task.Delay(20);
        }
    }
}
