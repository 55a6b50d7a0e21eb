using System.Globalization;
using System.IO.Ports;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SensorNode.Core.Config;
using SensorNode.Core.Json;
using SensorNode.Core.Protocol;
using SensorNode.Core.Provisioning;
using SensorNode.Core.Security;
using SensorNode.Sdk.Config;
using SensorNode.Sdk.Registry;

namespace SensorNode.Sdk.Provisioning;

/// <summary>
/// Talks to a node over its USB serial port in the node's provisioning protocol (docs/provisioning.md): one JSON
/// request per line, one JSON response per line. Requests are written and responses read with the firmware
/// core's JSON writer and parser. Lines that are not JSON (boot messages on the same UART) and answers to
/// other requests are skipped. Secrets sent with <see cref="SetFieldsAsync"/> are never logged.
/// </summary>
public sealed class SerialProvisioner : IAsyncDisposable
{
    private const int MaxResponseLine = 64 * 1024;

    private readonly SerialPort _port;
    private readonly SerialProvisionerOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<string> _lines = Channel.CreateBounded<string>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _requestLock = new(1, 1);
    private readonly Thread _reader;
    private int _nextId;
    private volatile string? _readError;

    private SerialProvisioner(SerialPort port, SerialProvisionerOptions options, ILogger logger)
    {
        _port = port;
        _options = options;
        _logger = logger;
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "serial-provisioner " + options.PortName };
        _reader.Start();
    }

    /// <summary>Opens the port and says hello. Throws <see cref="ProvisioningException"/> with what to check when the
    /// port cannot be opened or nothing answers.</summary>
    public static async Task<(SerialProvisioner Provisioner, NodeIdentity Identity)> OpenAsync(SerialProvisionerOptions options,
        ILogger<SerialProvisioner>? logger = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var port = new SerialPort(options.PortName, options.BaudRate, Parity.None, 8, StopBits.One)
        {
            Handshake = Handshake.None,
            ReadTimeout = 200,
            WriteTimeout = (int)options.ResponseTimeout.TotalMilliseconds,
            NewLine = "\n",
            DtrEnable = false,
            RtsEnable = false,
        };
        try
        {
            port.Open();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            port.Dispose();
            string hint = ex is UnauthorizedAccessException
                ? " Permission denied: add your user to the 'dialout' group (Linux) or close the program using the port."
                : " Check the cable and the port name.";
            throw new ProvisioningException($"Cannot open serial port '{options.PortName}': {ex.Message}.{hint}", null, ex);
        }
        var provisioner = new SerialProvisioner(port, options, (ILogger?)logger ?? NullLogger.Instance);
        try
        {
            var identity = await provisioner.HelloAsync(cancellationToken).ConfigureAwait(false);
            if (identity.ProtocolVersion != ProvisioningSession.ProtocolVersion)
                throw new ProvisioningException($"The node on '{options.PortName}' speaks provisioning protocol {identity.ProtocolVersion}; this SDK speaks {ProvisioningSession.ProtocolVersion}. Update the tool or the firmware.");
            return (provisioner, identity);
        }
        catch
        {
            await provisioner.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public string PortName => _options.PortName;

    public async Task<NodeIdentity> HelloAsync(CancellationToken cancellationToken = default)
    {
        var (response, root) = await RequestAsync("hello", null, _options.ResponseTimeout, cancellationToken).ConfigureAwait(false);
        EnsureOk(response, "hello");
        return new NodeIdentity(
            (int)JsonRead.LongOr(root, "proto", 0),
            JsonRead.StringOr(root, "fw", null),
            JsonRead.StringOr(root, "board", null),
            JsonRead.StringOr(root, "state", null),
            JsonRead.StringOr(root, "node", null),
            JsonRead.StringOr(root, "site", null),
            JsonRead.BoolOr(root, "provisioned", false),
            JsonRead.StringOr(root, "hash", null),
            JsonRead.BoolOr(root, "draft", false),
            (int)JsonRead.LongOr(root, "maxLine", 0));
    }

    /// <summary>The config in force, or the uncommitted draft when there is one. Redacted by the node.</summary>
    public async Task<ProvisionedConfig> GetConfigAsync(CancellationToken cancellationToken = default)
    {
        var (response, root) = await RequestAsync("get", null, _options.ResponseTimeout, cancellationToken).ConfigureAwait(false);
        EnsureOk(response, "get");
        var configNode = root.Get("config");
        if (configNode == null || !configNode.IsObject) throw new ProvisioningException("The node's 'get' answer has no config object.", response);
        var raw = Encoding.UTF8.GetBytes(response.RawJson);
        string json = Encoding.UTF8.GetString(raw, configNode.Start, configNode.End - configNode.Start);
        var config = new NodeConfig();
        var errors = new FieldErrors();
        if (!ConfigCodec.Apply(configNode, config, errors))
            throw new ProvisioningException("The node's config could not be read: " + Protocol.PayloadDecoder.Describe(errors), response);
        return new ProvisionedConfig(JsonRead.BoolOr(root, "draft", false), JsonRead.StringOr(root, "hash", null), json, config);
    }

    /// <summary>Sets fields by dotted path ("broker.host", "wifi.password", "bands.velocity.lo" ...) into the node's
    /// draft, all or nothing. Values: string, bool, integer or floating-point numbers. Nothing is in force before
    /// <see cref="CommitAsync"/>.</summary>
    public async Task<string?> SetFieldsAsync(IReadOnlyDictionary<string, object?> fields, CancellationToken cancellationToken = default)
    {
        if (fields.Count == 0) throw new ArgumentException("No fields to set.", nameof(fields));
        var (response, root) = await RequestAsync("set", w =>
        {
            w.Name("fields");
            w.BeginObject();
            foreach (var (path, value) in fields)
            {
                w.Name(path);
                WriteValue(w, path, value);
            }
            w.EndObject();
        }, _options.ResponseTimeout, cancellationToken).ConfigureAwait(false);
        // Field names only: values may be passwords or keys.
        _logger.LogInformation("Set {Fields} on {Port}: {Result}", string.Join(", ", fields.Keys), PortName, response.Result);
        EnsureOk(response, "set");
        return JsonRead.StringOr(root, "hash", null);
    }

    /// <summary>Validates the draft (or the config in force) on the node; the errors name the fields.</summary>
    public async Task<ProvisioningResponse> ValidateAsync(CancellationToken cancellationToken = default)
    {
        var (response, _) = await RequestAsync("validate", null, _options.ResponseTimeout, cancellationToken).ConfigureAwait(false);
        return response;
    }

    /// <summary>Validates and persists the draft atomically; returns the new config hash.</summary>
    public async Task<string?> CommitAsync(CancellationToken cancellationToken = default)
    {
        var (response, root) = await RequestAsync("commit", null, _options.ResponseTimeout, cancellationToken).ConfigureAwait(false);
        EnsureOk(response, "commit");
        return JsonRead.StringOr(root, "hash", null);
    }

    public async Task DiscardAsync(CancellationToken cancellationToken = default)
    {
        var (response, _) = await RequestAsync("discard", null, _options.ResponseTimeout, cancellationToken).ConfigureAwait(false);
        EnsureOk(response, "discard");
    }

    /// <summary>Asks the node to connect to the broker of its (draft) config. Returns (true, detail) or (false, detail).</summary>
    public async Task<(bool Ok, string? Detail)> TestBrokerAsync(CancellationToken cancellationToken = default)
    {
        var (response, _) = await RequestAsync("test_broker", null, _options.BrokerTestTimeout, cancellationToken).ConfigureAwait(false);
        if (response.Result is not ("ok" or "failed")) EnsureOk(response, "test_broker");
        return (response.IsOk, response.Message);
    }

    /// <summary>The node's latest measured values as a JSON object text.</summary>
    public async Task<string> LiveAsync(CancellationToken cancellationToken = default)
    {
        var (response, root) = await RequestAsync("live", null, _options.ResponseTimeout, cancellationToken).ConfigureAwait(false);
        EnsureOk(response, "live");
        var values = root.Get("values");
        var raw = Encoding.UTF8.GetBytes(response.RawJson);
        return values == null ? "{}" : Encoding.UTF8.GetString(raw, values.Start, values.End - values.Start);
    }

    public async Task RebootAsync(CancellationToken cancellationToken = default)
    {
        var (response, _) = await RequestAsync("reboot", null, _options.ResponseTimeout, cancellationToken).ConfigureAwait(false);
        EnsureOk(response, "reboot");
    }

    /// <summary>Erases the node's config and counters; it reboots unprovisioned.</summary>
    public async Task FactoryResetAsync(CancellationToken cancellationToken = default)
    {
        var (response, _) = await RequestAsync("factory_reset", w => w.Prop("confirm", true), _options.ResponseTimeout, cancellationToken).ConfigureAwait(false);
        EnsureOk(response, "factory_reset");
    }

    /// <summary>
    /// Gives the node a fresh random command key: sets it, commits, then stores it in the registry, so the host
    /// can sign config and commands for it. The key never appears in logs or in the node's answers.
    /// </summary>
    public async Task<string?> SetNewCommandKeyAsync(INodeRegistry registry, string nodeId, CancellationToken cancellationToken = default)
    {
        byte[] key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(MessageSigner.KeyLength);
        await SetFieldsAsync(new Dictionary<string, object?> { ["security.key"] = Hex.Encode(key) }, cancellationToken).ConfigureAwait(false);
        string? hash = await CommitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await registry.SetNodeKeyAsync(nodeId, key, cancellationToken).ConfigureAwait(false);
        }
        catch (RegistryException ex)
        {
            throw new ProvisioningException($"The node '{nodeId}' took a new command key but the registry could not store it ({ex.Message}); run the key step again.", null, ex);
        }
        return hash;
    }

    private static void WriteValue(JsonWriter w, string path, object? value)
    {
        switch (value)
        {
            case null: w.Null(); break;
            case string s: w.String(s); break;
            case bool b: w.Bool(b); break;
            case int i: w.Int(i); break;
            case long l: w.Long(l); break;
            case float f: w.Float(f); break;
            case double d: w.Double(d, 15); break;
            case decimal m: w.Double((double)m, 15); break;
            default: throw new ArgumentException($"Field '{path}' has a value of type {value.GetType().Name}; use string, bool or a number.", nameof(value));
        }
    }

    private static void EnsureOk(ProvisioningResponse response, string op)
    {
        if (response.IsOk) return;
        string details = response.Errors.Count > 0
            ? ": " + string.Join("; ", response.Errors.Select(e => $"{e.Path} {e.Code}{(string.IsNullOrEmpty(e.Message) ? "" : " (" + e.Message + ")")}"))
            : (response.Message != null ? ": " + response.Message : "");
        throw new ProvisioningException($"The node refused '{op}' with {response.Result}{details}", response);
    }

    private async Task<(ProvisioningResponse Response, JsonNode Root)> RequestAsync(string op, Action<JsonWriter>? members, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _requestLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            int id = Interlocked.Increment(ref _nextId);
            var writer = new JsonWriter(new byte[ProvisioningSession.MaxLineBytes]);
            writer.BeginObject();
            writer.Prop("id", id);
            writer.Prop("op", op);
            members?.Invoke(writer);
            writer.EndObject();
            if (!writer.IsComplete) throw new ArgumentException($"The '{op}' request does not fit the node's {ProvisioningSession.MaxLineBytes}-byte line limit.");
            var line = new byte[writer.Length + 1];
            Array.Copy(writer.Buffer, writer.Offset, line, 0, writer.Length);
            line[^1] = (byte)'\n';

            while (_lines.Reader.TryRead(out _)) { } // answers to earlier, abandoned requests
            try
            {
                _port.Write(line, 0, line.Length);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or TimeoutException)
            {
                throw new ProvisioningException($"Writing the '{op}' request to '{PortName}' failed: {ex.Message} Is the node still connected?", null, ex);
            }
            _logger.LogDebug("Sent '{Op}' #{Id} to {Port}", op, id, PortName);

            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeoutSource.CancelAfter(timeout);
            try
            {
                while (true)
                {
                    string text = await _lines.Reader.ReadAsync(timeoutSource.Token).ConfigureAwait(false);
                    var parsed = TryParseResponse(text, out var root);
                    if (parsed == null) continue; // boot log or noise on the UART
                    var idNode = root!.Get("id");
                    if (idNode == null || !idNode.IsNumber || idNode.IntegerValue != id)
                    {
                        // An answer without our id is the node's reply to a line it could not read at all.
                        if (idNode == null && parsed.Result != "ok")
                            throw new ProvisioningException($"The node could not read the '{op}' request: {parsed.Result}{(parsed.Message != null ? " (" + parsed.Message + ")" : "")}", parsed);
                        continue;
                    }
                    return (parsed, root);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                string why = _readError != null ? $" The port failed: {_readError}." : string.Empty;
                throw new ProvisioningException(
                    $"No answer to '{op}' from '{PortName}' within {timeout.TotalSeconds:0.#} s.{why} Check that the node runs SensorNode firmware, the port and the baud rate ({_options.BaudRate}), and that no other program holds the port.");
            }
            catch (ChannelClosedException)
            {
                throw new ProvisioningException($"The serial port '{PortName}' closed while waiting for '{op}': {_readError ?? "device gone"}.");
            }
        }
        finally
        {
            _requestLock.Release();
        }
    }

    private static ProvisioningResponse? TryParseResponse(string text, out JsonNode? root)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var parser = new JsonParser(MaxResponseLine, 8, ConfigCodec.MaxCaPemLength + 64, 4096);
        root = parser.Parse(bytes, 0, bytes.Length);
        if (root == null || !root.IsObject) return null;
        string? result = JsonRead.StringOr(root, "result", null);
        if (result == null) return null;
        var errors = new List<ConfigFieldError>();
        var list = root.Get("errors");
        if (list != null && list.IsArray)
        {
            for (int i = 0; i < list.Count; i++)
            {
                var e = list.ItemAt(i);
                errors.Add(new ConfigFieldError(JsonRead.StringOr(e, "path", ""), JsonRead.StringOr(e, "code", ""), JsonRead.StringOr(e, "msg", "")));
            }
        }
        return new ProvisioningResponse(JsonRead.StringOr(root, "op", null), result, JsonRead.StringOr(root, "msg", null), errors, text);
    }

    // A dedicated thread: SerialPort reads block, and their cancellation differs between platforms.
    private void ReadLoop()
    {
        var buffer = new byte[4096];
        var line = new MemoryStream();
        bool discarding = false;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                int n;
                try
                {
                    n = _port.Read(buffer, 0, buffer.Length);
                }
                catch (TimeoutException)
                {
                    continue;
                }
                for (int i = 0; i < n; i++)
                {
                    byte b = buffer[i];
                    if (b == (byte)'\n')
                    {
                        if (!discarding && line.Length > 0)
                        {
                            string text = Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length).TrimEnd('\r');
                            _lines.Writer.TryWrite(text);
                        }
                        line.SetLength(0);
                        discarding = false;
                    }
                    else if (!discarding)
                    {
                        if (line.Length >= MaxResponseLine) { discarding = true; line.SetLength(0); }
                        else line.WriteByte(b);
                    }
                }
            }
        }
        catch (Exception ex)
        {
            // Never let the reader thread take the process down: any failure ends the session with a clear error.
            if (!_stop.IsCancellationRequested)
            {
                _readError = ex.Message;
                _logger.LogWarning("Serial port {Port} failed: {Reason}", PortName, ex.Message);
            }
        }
        finally
        {
            _lines.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        // Closing a port whose device vanished (cable pulled) can block inside the driver: never let it hang the caller.
        var close = Task.Run(() =>
        {
            try { _port.Close(); } catch (Exception) { }
            _reader.Join(TimeSpan.FromSeconds(2));
        });
        if (await Task.WhenAny(close, Task.Delay(TimeSpan.FromSeconds(3))).ConfigureAwait(false) != close)
            _logger.LogWarning("Closing serial port {Port} did not finish; abandoning it", PortName);
    }
}
