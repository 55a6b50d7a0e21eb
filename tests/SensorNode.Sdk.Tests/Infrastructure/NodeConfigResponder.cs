using SensorNode.Core.Config;
using SensorNode.Core.Hardware;
using SensorNode.Core.Protocol;
using SensorNode.Core.Security;

namespace SensorNode.Sdk.Tests.Infrastructure;

/// <summary>Blobs in memory (the node's flash for these tests).</summary>
public sealed class MemoryBlobStore : IBlobStore
{
    private readonly Dictionary<string, byte[]> _blobs = new();

    public int Read(string name, byte[] buffer)
    {
        lock (_blobs)
        {
            if (!_blobs.TryGetValue(name, out var data) || data.Length > buffer.Length) return -1;
            Array.Copy(data, buffer, data.Length);
            return data.Length;
        }
    }

    public bool Write(string name, byte[] data, int length)
    {
        lock (_blobs) _blobs[name] = data.AsSpan(0, length).ToArray();
        return true;
    }

    public bool Delete(string name)
    {
        lock (_blobs) _blobs.Remove(name);
        return true;
    }
}

/// <summary>
/// The node side of config push and commands, run with the firmware core's own classes: DesiredConfigProcessor
/// (parse, signature, replay, merge, validate, persist) and CommandParser, answering with the core's encoders.
/// </summary>
public sealed class NodeConfigResponder
{
    private readonly VirtualNode _node;
    private readonly DesiredConfigProcessor _processor;
    private readonly InboundAuthenticator _auth;
    private readonly CommandParser _commands = new();
    private readonly object _gate = new();

    public NodeConfigResponder(VirtualNode node, byte[] key, Action<NodeConfig>? customize = null)
    {
        _node = node;
        Current = ValidConfig(node.Topics.Site, node.Topics.NodeId, key);
        customize?.Invoke(Current);
        var errors = new FieldErrors();
        if (!ConfigValidator.Validate(Current, errors))
            throw new InvalidOperationException("Test node config invalid: " + SensorNode.Sdk.Protocol.PayloadDecoder.Describe(errors));
        var flash = new MemoryBlobStore();
        var store = new ConfigStore(flash);
        if (!store.Save(Current)) throw new InvalidOperationException("could not save the test node config");
        _auth = new InboundAuthenticator(new ReplayGuard(flash), key);
        _processor = new DesiredConfigProcessor(store, _auth);
        node.OnInbound = HandleAsync;
    }

    public NodeConfig Current { get; }

    /// <summary>When true the node receives but never answers (a node that lost its uplink).</summary>
    public bool Silent { get; set; }

    public List<Command> Executed { get; } = new();

    public int Applied { get; private set; }

    public static NodeConfig ValidConfig(string site, string nodeId, byte[] key)
    {
        var c = new NodeConfig
        {
            NodeId = nodeId,
            Site = site,
            AssetName = "pump-" + nodeId,
            WifiSsid = "plant-wifi",
            WifiPassword = "wifi-secret-" + nodeId,
            BrokerHost = "broker.plant.local",
            BrokerUsername = nodeId,
            BrokerPassword = "broker-secret-" + nodeId,
            CommandKey = key,
        };
        return c;
    }

    private async Task HandleAsync(string topic, byte[] payload)
    {
        if (Silent) return;
        if (topic == _node.Topics.ConfigDesired)
        {
            var ack = new ConfigAck();
            int result;
            lock (_gate)
            {
                result = _processor.Process(topic, payload, 0, payload.Length, Current, ack);
                if (result == ResultCode.Ok) Applied++;
            }
            await _node.PublishEncodedAsync(_node.Topics.ConfigAck, w => ProtocolEncoder.ConfigAck(w, ack), retain: false);
        }
        else if (topic == _node.Topics.Command)
        {
            var command = new Command();
            int result;
            lock (_gate)
            {
                result = _commands.Parse(_auth, topic, payload, 0, payload.Length, command);
                if (result == ResultCode.Ok) Executed.Add(command);
            }
            var ack = new CommandAck { Id = command.Id, Command = command.Name, Counter = command.Counter, Result = result };
            await _node.PublishEncodedAsync(_node.Topics.CommandAck, w => ProtocolEncoder.CommandAck(w, ack), retain: false);
        }
    }
}
