using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;
using SensorNode.Core.Config;
using SensorNode.Core.Protocol;
using SensorNode.Sdk.Feed;
using SensorNode.Sdk.Mqtt;
using SensorNode.Sdk.Protocol;
using SensorNode.Sdk.Registry;

namespace SensorNode.Sdk.Config;

/// <summary>
/// Pushes desired config and commands to nodes and waits for their answers. Every message is signed with the
/// node's command key and carries a fresh counter from the registry (the node refuses a counter it has seen).
/// Desired config is published retained, so a node that is offline now applies it when it reconnects.
/// Uses its own broker connection with ordinary (not shared) subscriptions to the ack topics: every ack must
/// reach the instance that waits for it.
/// </summary>
public sealed class ConfigService : IAsyncDisposable
{
    private readonly ConfigServiceOptions _options;
    private readonly INodeRegistry _registry;
    private readonly ILogger _logger;
    private readonly ManagedMqttConnection _connection;
    private readonly ConcurrentDictionary<(NodeRef Node, long Counter), TaskCompletionSource<ConfigAck>> _configWaiters = new();
    private readonly ConcurrentDictionary<(NodeRef Node, string Id), TaskCompletionSource<CommandAck>> _commandWaiters = new();
    private int _started;

    public ConfigService(ConfigServiceOptions options, INodeRegistry registry, ILogger<ConfigService>? logger = null)
    {
        options.Validate();
        _options = options;
        _registry = registry;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        string clientId = options.Broker.ClientId ?? $"sn-config-{Guid.NewGuid():N}"[..23];
        _connection = new ManagedMqttConnection(options.Broker, clientId,
        [
            ManagedMqttConnection.Filter($"{Topics.Root}/+/+/{Topics.ConfigAckLeaf}"),
            ManagedMqttConnection.Filter($"{Topics.Root}/+/+/{Topics.CommandAckLeaf}"),
        ], OnMessageAsync, _logger);
    }

    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0) throw new InvalidOperationException("The config service is already started.");
        return _connection.StartAsync(retry: false, cancellationToken);
    }

    /// <summary>Pushes a whole config (sent redacted: the node keeps its secrets) and waits for the ack.</summary>
    public Task<ConfigPushResult> PushConfigAsync(NodeRef node, NodeConfig desired, CancellationToken cancellationToken = default) =>
        PushAsync(node, (key, topic, counter) => HostMessages.DesiredConfig(key, topic, counter, desired), cancellationToken);

    /// <summary>Pushes a partial config object (only the members to change) and waits for the ack.</summary>
    public Task<ConfigPushResult> PushPartialConfigAsync(NodeRef node, string partialConfigJson, CancellationToken cancellationToken = default)
    {
        // Fail on bad JSON before a counter is used up.
        HostMessages.DesiredPartialConfig(new byte[Core.Security.MessageSigner.KeyLength], "check", 1, partialConfigJson);
        return PushAsync(node, (key, topic, counter) => HostMessages.DesiredPartialConfig(key, topic, counter, partialConfigJson), cancellationToken);
    }

    /// <summary>
    /// Pushes the same partial config to many nodes in batches. After each batch, if the failures so far
    /// (rejected + no answer) reach <see cref="RolloutOptions.StopAfterFailures"/>, the rollout stops and the
    /// remaining nodes are reported NotAttempted. <paramref name="progress"/> gets each node's result as it lands.
    /// </summary>
    public async Task<RolloutReport> RolloutAsync(IReadOnlyList<NodeRef> nodes, string partialConfigJson, RolloutOptions? rollout = null,
        IProgress<ConfigPushResult>? progress = null, CancellationToken cancellationToken = default)
    {
        rollout ??= new RolloutOptions();
        rollout.Validate();
        HostMessages.DesiredPartialConfig(new byte[Core.Security.MessageSigner.KeyLength], "check", 1, partialConfigJson);
        var results = new ConfigPushResult?[nodes.Count];
        int failures = 0;
        string? stopReason = null;
        for (int start = 0; start < nodes.Count; start += rollout.BatchSize)
        {
            int end = Math.Min(start + rollout.BatchSize, nodes.Count);
            var batch = Enumerable.Range(start, end - start).Select(async i =>
            {
                ConfigPushResult result;
                try
                {
                    result = await PushPartialConfigAsync(nodes[i], partialConfigJson, cancellationToken).ConfigureAwait(false);
                }
                catch (ConfigServiceException ex)
                {
                    result = new ConfigPushResult(nodes[i], ConfigOutcome.Rejected, 0, "not_sent", [new ConfigFieldError("", "not_sent", ex.Message)], null, TimeSpan.Zero);
                }
                results[i] = result;
                progress?.Report(result);
                return result;
            }).ToList();
            var done = await Task.WhenAll(batch).ConfigureAwait(false);
            failures += done.Count(r => r.Outcome is ConfigOutcome.Rejected or ConfigOutcome.NoAnswer);
            if (failures > 0 && failures >= Math.Max(1, rollout.StopAfterFailures) && end < nodes.Count)
            {
                stopReason = $"stopped after {end} of {nodes.Count} nodes: {failures} failed (threshold {Math.Max(1, rollout.StopAfterFailures)})";
                _logger.LogWarning("Rollout {Reason}", stopReason);
                break;
            }
        }
        for (int i = 0; i < results.Length; i++)
            results[i] ??= new ConfigPushResult(nodes[i], ConfigOutcome.NotAttempted, 0, "not_attempted", [], null, TimeSpan.Zero);
        return new RolloutReport(results!, stopReason != null, stopReason);
    }

    /// <summary>Sends a signed command and waits for its ack (or the timeout).</summary>
    public async Task<CommandResult> SendCommandAsync(NodeRef node, NodeCommand command, CancellationToken cancellationToken = default)
    {
        var (key, counter) = await KeyAndCounterAsync(node, cancellationToken).ConfigureAwait(false);
        var topics = new Topics(node.Site, node.NodeId);
        string id = $"c{counter}";
        var payload = HostMessages.Command(key, topics.Command, counter, id, command);
        var waiter = new TaskCompletionSource<CommandAck>(TaskCreationOptions.RunContinuationsAsynchronously);
        _commandWaiters[(node, id)] = waiter;
        var clock = Stopwatch.StartNew();
        try
        {
            await PublishAsync(topics.Command, payload, retain: Topics.CommandRetain, cancellationToken).ConfigureAwait(false);
            var ack = await WaitAsync(waiter.Task, cancellationToken).ConfigureAwait(false);
            if (ack == null)
            {
                _logger.LogWarning("Command {Command} to {Node}: no answer within {Timeout} s", command.Name, node.ToString(), _options.AckTimeout.TotalSeconds);
                return new CommandResult(node, command.Name, id, counter, false, "no_answer", null, clock.Elapsed);
            }
            return new CommandResult(node, command.Name, id, counter, true, ResultCode.Name(ack.Result), ack.Message, clock.Elapsed);
        }
        finally
        {
            _commandWaiters.TryRemove((node, id), out _);
        }
    }

    private async Task<ConfigPushResult> PushAsync(NodeRef node, Func<byte[], string, long, byte[]> build, CancellationToken cancellationToken)
    {
        var (key, counter) = await KeyAndCounterAsync(node, cancellationToken).ConfigureAwait(false);
        var topics = new Topics(node.Site, node.NodeId);
        byte[] payload;
        try
        {
            payload = build(key, topics.ConfigDesired, counter);
        }
        catch (ArgumentException ex)
        {
            throw new ConfigServiceException($"Cannot build the desired config for {node}: {ex.Message}", ex);
        }
        var waiter = new TaskCompletionSource<ConfigAck>(TaskCreationOptions.RunContinuationsAsynchronously);
        _configWaiters[(node, counter)] = waiter;
        var clock = Stopwatch.StartNew();
        ConfigPushResult result;
        try
        {
            await PublishAsync(topics.ConfigDesired, payload, retain: Topics.ConfigDesiredRetain, cancellationToken).ConfigureAwait(false);
            var ack = await WaitAsync(waiter.Task, cancellationToken).ConfigureAwait(false);
            result = ack == null
                ? new ConfigPushResult(node, ConfigOutcome.NoAnswer, counter, "no_answer", [], null, clock.Elapsed)
                : ToResult(node, ack, clock.Elapsed);
        }
        finally
        {
            _configWaiters.TryRemove((node, counter), out _);
        }
        _logger.LogInformation("Config {Counter} to {Node}: {Summary}", counter, node.ToString(), result.Summary);
        try
        {
            await _registry.SetConfigResultAsync(node.NodeId, result.Summary, result.ConfigHash, cancellationToken).ConfigureAwait(false);
        }
        catch (RegistryException ex)
        {
            _logger.LogWarning("Could not record the config result of {Node}: {Reason}", node.ToString(), ex.Message);
        }
        return result;
    }

    private static ConfigPushResult ToResult(NodeRef node, ConfigAck ack, TimeSpan elapsed)
    {
        var outcome = ack.Result switch
        {
            ResultCode.Ok => ConfigOutcome.Applied,
            ResultCode.Unchanged => ConfigOutcome.Unchanged,
            _ => ConfigOutcome.Rejected,
        };
        var errors = new List<ConfigFieldError>(ack.Errors.Count);
        for (int i = 0; i < ack.Errors.Count; i++)
            errors.Add(new ConfigFieldError(ack.Errors[i].Path ?? string.Empty, ResultCode.Name(ack.Errors[i].Code), ack.Errors[i].Message ?? string.Empty));
        return new ConfigPushResult(node, outcome, ack.Counter, ResultCode.Name(ack.Result), errors, ack.Hash, elapsed);
    }

    private async Task<(byte[] Key, long Counter)> KeyAndCounterAsync(NodeRef node, CancellationToken cancellationToken)
    {
        var key = await _registry.GetNodeKeyAsync(node.NodeId, cancellationToken).ConfigureAwait(false);
        if (key == null)
            throw new ConfigServiceException($"Node '{node.NodeId}' has no command key in the registry; provision it over serial first (sensornode provision).");
        if (key.Length != Core.Security.MessageSigner.KeyLength)
            throw new ConfigServiceException($"The command key of node '{node.NodeId}' is {key.Length} bytes; nodes use {Core.Security.MessageSigner.KeyLength}.");
        long counter = await _registry.ReserveCommandCounterAsync(node.NodeId, cancellationToken).ConfigureAwait(false);
        return (key, counter);
    }

    private async Task PublishAsync(string topic, byte[] payload, bool retain, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        try
        {
            await _connection.PublishAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (MqttConnectionException ex)
        {
            throw new ConfigServiceException(ex.Message, ex);
        }
    }

    private async Task<T?> WaitAsync<T>(Task<T> task, CancellationToken cancellationToken) where T : class
    {
        try
        {
            return await task.WaitAsync(_options.AckTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private Task OnMessageAsync(MqttApplicationMessage message)
    {
        if (!Topics.TryParse(message.Topic, out var site, out var nodeId, out var leaf)) return Task.CompletedTask;
        var node = new NodeRef(site, nodeId);
        try
        {
            if (leaf == Topics.ConfigAckLeaf)
            {
                var ack = PayloadDecoder.ConfigAck(message.Payload);
                if (_configWaiters.TryGetValue((node, ack.Counter), out var waiter)) waiter.TrySetResult(ack);
                else _logger.LogDebug("Config ack {Counter} from {Node} ({Result}) has no waiter", ack.Counter, node.ToString(), ResultCode.Name(ack.Result));
            }
            else if (leaf == Topics.CommandAckLeaf)
            {
                var ack = PayloadDecoder.CommandAck(message.Payload);
                if (ack.Id != null && _commandWaiters.TryGetValue((node, ack.Id), out var waiter)) waiter.TrySetResult(ack);
            }
        }
        catch (PayloadDecodeException ex)
        {
            _logger.LogWarning("Undecodable ack from {Node}: {Reason}", node.ToString(), ex.Message);
        }
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
