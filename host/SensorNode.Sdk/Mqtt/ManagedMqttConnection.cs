using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace SensorNode.Sdk.Mqtt;

/// <summary>One MQTTnet client that stays connected: connects, subscribes, and after a lost connection reconnects
/// with the configured backoff and subscribes again (sessions are clean, so subscriptions do not survive).</summary>
internal sealed class ManagedMqttConnection : IAsyncDisposable
{
    private readonly BrokerOptions _options;
    private readonly string _clientId;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<MqttTopicFilter> _subscriptions;
    private readonly Func<MqttApplicationMessage, Task> _onMessage;
    private readonly IMqttClient _client;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Random _random = new();
    private readonly object _gate = new();
    private Task? _reconnectLoop;
    private int _reconnects;
    private volatile ConnectionState _state = ConnectionState.Disconnected;

    public ManagedMqttConnection(
        BrokerOptions options,
        string clientId,
        IReadOnlyList<MqttTopicFilter> subscriptions,
        Func<MqttApplicationMessage, Task> onMessage,
        ILogger logger)
    {
        options.Validate();
        _options = options;
        _clientId = clientId;
        _subscriptions = subscriptions;
        _onMessage = onMessage;
        _logger = logger;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnReceivedAsync;
        _client.DisconnectedAsync += OnDisconnectedAsync;
    }

    public event Action<ConnectionStateChange>? StateChanged;

    public ConnectionState State => _state;

    public bool IsConnected => _client.IsConnected;

    /// <summary>Reconnections after the first successful connect.</summary>
    public int Reconnects => Volatile.Read(ref _reconnects);

    public string ClientId => _clientId;

    /// <summary>Connects and subscribes. With <paramref name="retry"/> false a failure throws at once with a clear
    /// message; with true it retries by the policy (until MaxAttempts or cancellation).</summary>
    public async Task StartAsync(bool retry, CancellationToken cancellationToken)
    {
        int attempt = 0;
        while (true)
        {
            attempt++;
            SetState(ConnectionState.Connecting, attempt, null);
            try
            {
                await ConnectAndSubscribeAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                SetState(ConnectionState.Disconnected, attempt, ex.Message);
                bool giveUp = !retry || (_options.Reconnect.MaxAttempts is int max && attempt >= max);
                if (giveUp)
                    throw new MqttConnectionException($"Cannot connect to the broker at {_options} as '{_clientId}': {ex.Message}", ex);
                var delay = _options.Reconnect.GetDelay(attempt, _random);
                _logger.LogWarning("Connect to {Broker} failed (attempt {Attempt}): {Reason}; retrying in {Delay} ms",
                    _options.ToString(), attempt, ex.Message, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
            throw new MqttConnectionException($"Not connected to the broker at {_options}; cannot publish to '{message.Topic}'.");
        var result = await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
            throw new MqttConnectionException($"The broker refused the publish to '{message.Topic}': {result.ReasonCode} {result.ReasonString}");
    }

    private async Task ConnectAndSubscribeAsync(CancellationToken cancellationToken)
    {
        var clientOptions = MqttClientOptionsFactory.Build(_options, _clientId);
        var result = await _client.ConnectAsync(clientOptions, cancellationToken).ConfigureAwait(false);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
            throw new MqttConnectionException($"broker answered {result.ResultCode} {result.ReasonString}");
        if (_subscriptions.Count > 0)
        {
            var subscribe = new MqttClientSubscribeOptions { TopicFilters = _subscriptions.ToList() };
            var subscribed = await _client.SubscribeAsync(subscribe, cancellationToken).ConfigureAwait(false);
            foreach (var item in subscribed.Items)
            {
                if ((int)item.ResultCode > (int)MqttClientSubscribeResultCode.GrantedQoS2)
                    throw new MqttConnectionException($"the broker refused the subscription '{item.TopicFilter.Topic}': {item.ResultCode}");
            }
        }
        SetState(ConnectionState.Connected, 0, null);
        _logger.LogInformation("Connected to {Broker} as {ClientId}", _options.ToString(), _clientId);
    }

    private Task OnReceivedAsync(MqttApplicationMessageReceivedEventArgs e) => _onMessage(e.ApplicationMessage);

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        if (_stopping.IsCancellationRequested || !e.ClientWasConnected) return Task.CompletedTask;
        _logger.LogWarning("Connection to {Broker} lost: {Reason}", _options.ToString(), e.ReasonString ?? e.Reason.ToString());
        lock (_gate)
        {
            if (_reconnectLoop == null || _reconnectLoop.IsCompleted)
                _reconnectLoop = Task.Run(ReconnectLoopAsync);
        }
        return Task.CompletedTask;
    }

    private async Task ReconnectLoopAsync()
    {
        var token = _stopping.Token;
        int attempt = 0;
        while (!token.IsCancellationRequested)
        {
            attempt++;
            var delay = _options.Reconnect.GetDelay(attempt, _random);
            SetState(ConnectionState.Reconnecting, attempt, null);
            try
            {
                await Task.Delay(delay, token).ConfigureAwait(false);
                await ConnectAndSubscribeAsync(token).ConfigureAwait(false);
                Interlocked.Increment(ref _reconnects);
                return;
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.LogWarning("Reconnect to {Broker} failed (attempt {Attempt}): {Reason}", _options.ToString(), attempt, ex.Message);
                if (_options.Reconnect.MaxAttempts is int max && attempt >= max)
                {
                    SetState(ConnectionState.Stopped, attempt, "reconnect attempts exhausted");
                    _logger.LogError("Giving up on {Broker} after {Attempts} attempts", _options.ToString(), attempt);
                    return;
                }
            }
        }
    }

    private void SetState(ConnectionState state, int attempt, string? reason)
    {
        _state = state;
        try
        {
            StateChanged?.Invoke(new ConnectionStateChange(state, attempt, reason));
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "A connection state handler threw");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        Task? loop;
        lock (_gate) loop = _reconnectLoop;
        if (loop != null)
        {
            try { await loop.ConfigureAwait(false); } catch { /* already logged */ }
        }
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _logger.LogDebug("Disconnect failed: {Reason}", ex.Message);
            }
        }
        SetState(ConnectionState.Stopped, 0, null);
        _client.Dispose();
        _stopping.Dispose();
    }

    internal static MqttTopicFilter Filter(string topic, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce) =>
        new MqttTopicFilterBuilder().WithTopic(topic).WithQualityOfServiceLevel(qos).Build();
}

/// <summary>The broker could not be reached, refused the connection, or refused an operation.</summary>
public sealed class MqttConnectionException : Exception
{
    public MqttConnectionException(string message, Exception? inner = null) : base(message, inner) { }
}
