using System.Buffers;
using System.Text;
using SensorNode.Core.Config;
using SensorNode.Core.Features;
using SensorNode.Core.Hardware;
using SensorNode.Core.Json;
using SensorNode.Core.Protocol;
using SensorNode.Core.Provisioning;
using SensorNode.Core.Security;
using SensorNode.Sdk.Protocol;

namespace SensorNode.Fuzz;

/// <summary>
/// One fuzz target: takes the raw input bytes, drives the code under test and throws
/// <see cref="FuzzFindingException"/> when an oracle is violated. Any other exception that escapes is a finding
/// too (the node's parsers promise never to throw; the host decoder may only throw PayloadDecodeException).
/// </summary>
public interface IHarness
{
    string Name { get; }

    void Run(byte[] input, int length);
}

/// <summary>An input broke a stated guarantee of the code under test.</summary>
public sealed class FuzzFindingException(string message) : Exception(message);

/// <summary>Shared material: a fixed test key, the topics of one node, a valid provisioned config.</summary>
public static class FuzzFixture
{
    /// <summary>Fuzzing key only (not a secret: it exists to let the fuzzer reach past the signature check).</summary>
    public static readonly byte[] Key = Hex.Decode("0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0");

    public static readonly Topics Topics = new("fuzz-site", "fuzz-node");

    public static NodeConfig Config()
    {
        var c = new NodeConfig
        {
            NodeId = "fuzz-node",
            Site = "fuzz-site",
            AssetName = "Fuzz pump",
            WifiSsid = "plant",
            WifiPassword = "wifi-placeholder",
            BrokerHost = "broker.local",
            BrokerUsername = "fuzz-node",
            BrokerPassword = "broker-placeholder",
            CommandKey = (byte[])Key.Clone(),
            CtEnabled = true,
            BearingBalls = 9,
            BearingBallDiameterMm = 7.94f,
            BearingPitchDiameterMm = 39.04f,
        };
        c.AddThreshold("vrms", -1, 4.5f, 7.1f, 0.2f, 2);
        c.AddThreshold("temp", -1, 70f, 85f, 2f, 1);
        return c;
    }

    /// <summary>
    /// Input framing shared by the signed channels. Byte 0, bit 0 set: the rest is an unsigned payload U that the
    /// harness signs for the topic (when U has the shape the signer accepts), so the fuzzer also explores what
    /// lies behind a valid signature. Bit 0 clear: the rest goes in as it is (unsigned, forged, malformed ...).
    /// </summary>
    public static byte[] Frame(byte[] input, int length, string topic)
    {
        if (length == 0)
        {
            return [];
        }

        var body = new byte[length - 1];
        Array.Copy(input, 1, body, 0, body.Length);
        int n = body.Length;
        bool sign = (input[0] & 1) == 1 && n >= 3 && body[0] == (byte)'{' && body[n - 1] == (byte)'}' && body[n - 2] != (byte)'{';
        return sign ? MessageSigner.Sign(Key, topic, body) : body;
    }

    public static void Known(int code, string what)
    {
        if (code < 0 || ResultCode.Name(code) == "unknown")
        {
            throw new FuzzFindingException($"{what} returned an undefined result code {code}");
        }
    }
}

/// <summary>The node's handling of .../config/desired: parse, signature, replay, merge, validate, persist.</summary>
public sealed class ConfigHarness : IHarness
{
    private readonly NodeConfig _baseline = FuzzFixture.Config();
    private readonly byte[] _scratch = new byte[ConfigCodec.MaxDocumentBytes];
    private readonly string _baselineHash;

    public ConfigHarness()
    {
        _baselineHash = ConfigHash.Compute(_baseline, _scratch);
    }

    public string Name => "config";

    public void Run(byte[] input, int length)
    {
        string topic = FuzzFixture.Topics.ConfigDesired;
        byte[] payload = FuzzFixture.Frame(input, length, topic);
        var store = new ConfigStore(new MemoryBlobs());
        var current = new NodeConfig();
        current.CopyFrom(_baseline);
        if (!store.Save(current))
        {
            throw new FuzzFindingException("baseline config did not save");
        }

        var auth = new InboundAuthenticator(new ReplayGuard(new MemoryBlobs()), current.CommandKey);
        var processor = new DesiredConfigProcessor(store, auth);
        var ack = new ConfigAck();
        int result = processor.Process(topic, payload, 0, payload.Length, current, ack);
        FuzzFixture.Known(result, "DesiredConfigProcessor.Process");
        string after = ConfigHash.Compute(current, _scratch);
        if (result != ResultCode.Ok && after != _baselineHash)
        {
            throw new FuzzFindingException($"rejected config ({ResultCode.Name(result)}) changed the config in force");
        }

        if (result != ResultCode.Ok && result != ResultCode.Unchanged && ack.Errors.Count == 0)
        {
            throw new FuzzFindingException($"rejection {ResultCode.Name(result)} names no field");
        }

        if (result == ResultCode.Ok)
        {
            // What was accepted was persisted: a reboot loads exactly it.
            var reloaded = new NodeConfig();
            if (!store.Load(reloaded, new FieldErrors()) || ConfigHash.Compute(reloaded, _scratch) != after)
            {
                throw new FuzzFindingException("accepted config does not reload identically");
            }
        }

        // The ack the node would send must encode and decode.
        var w = new JsonWriter(new byte[8192]);
        if (!ProtocolEncoder.ConfigAck(w, ack))
        {
            throw new FuzzFindingException("config ack did not encode");
        }

        int decoded = ProtocolDecoder.ConfigAck(w.Buffer, w.Offset, w.Length, new ConfigAck(), new FieldErrors());
        if (decoded != ResultCode.Ok)
        {
            throw new FuzzFindingException($"config ack does not decode: {ResultCode.Name(decoded)}");
        }
    }
}

/// <summary>The node's .../cmd parser with signature and replay checking.</summary>
public sealed class CommandHarness : IHarness
{
    private readonly CommandParser _parser = new();
    private readonly Command _command = new();
    private readonly CommandAck _ack = new();
    private readonly JsonWriter _w = new(new byte[4096]);

    public string Name => "command";

    public void Run(byte[] input, int length)
    {
        string topic = FuzzFixture.Topics.Command;
        byte[] payload = FuzzFixture.Frame(input, length, topic);
        var replay = new ReplayGuard(new MemoryBlobs());
        var auth = new InboundAuthenticator(replay, FuzzFixture.Key);
        int result = _parser.Parse(auth, topic, payload, 0, payload.Length, _command);
        FuzzFixture.Known(result, "CommandParser.Parse");
        if (result != ResultCode.Ok && result != ResultCode.Unchanged && _parser.Errors.Count == 0)
        {
            throw new FuzzFindingException($"rejection {ResultCode.Name(result)} names no field");
        }

        if (result == ResultCode.Ok)
        {
            // Accepted once: the very same bytes again must never execute twice.
            int again = _parser.Parse(auth, topic, payload, 0, payload.Length, _command);
            if (again == ResultCode.Ok)
            {
                throw new FuzzFindingException("the same signed command was accepted twice");
            }
        }

        _parser.FillAck(_command, result, _ack);
        _w.Restart();
        if (!ProtocolEncoder.CommandAck(_w, _ack))
        {
            throw new FuzzFindingException("command ack did not encode");
        }

        int decoded = ProtocolDecoder.CommandAck(_w.Buffer, _w.Offset, _w.Length, new CommandAck(), new FieldErrors());
        if (decoded != ResultCode.Ok)
        {
            throw new FuzzFindingException($"command ack does not decode: {ResultCode.Name(decoded)}");
        }
    }
}

/// <summary>The serial provisioning session: bytes from the UART in, one JSON response per request line out.</summary>
public sealed class ProvisioningHarness : IHarness
{
    private readonly NodeConfig _baseline = FuzzFixture.Config();
    private readonly JsonParser _responseParser = new(ConfigCodec.MaxDocumentBytes + 2048, 12, ConfigCodec.MaxCaPemLength + 64, 2048);

    public string Name => "provisioning";

    public void Run(byte[] input, int length)
    {
        var serial = new CapturingSerial();
        var blobs = new MemoryBlobs();
        var store = new ConfigStore(blobs);
        var current = new NodeConfig();
        // Byte 0 chooses a provisioned or a blank node, so both the first-time and the re-provisioning paths run.
        bool provisioned = length > 0 && (input[0] & 1) == 1;
        if (provisioned)
        {
            current.CopyFrom(_baseline);
            store.Save(current);
        }

        var session = new ProvisioningSession(serial, store, current, new FuzzActions(), new ReplayGuard(blobs));
        int start = length > 0 ? 1 : 0;
        // Bytes arrive in UART-sized pieces whose size the input also decides.
        int chunk = length > 1 ? 1 + (input[0] >> 1) : 64;
        for (int at = start; at < length; at += chunk)
        {
            session.Feed(input, at, Math.Min(chunk, length - at));
        }

        if (session.InternalErrors != 0)
        {
            throw new FuzzFindingException($"session caught {session.InternalErrors} internal error(s)");
        }

        // Every response line is one complete JSON object.
        byte[] output = serial.Output.ToArray();
        int lineStart = 0;
        int lines = 0;
        for (int i = 0; i < output.Length; i++)
        {
            if (output[i] != (byte)'\n')
            {
                continue;
            }

            JsonNode? root = _responseParser.Parse(output, lineStart, i - lineStart);
            if (root == null || !root.IsObject)
            {
                throw new FuzzFindingException($"response line {lines} is not a JSON object: {Encoding.UTF8.GetString(output, lineStart, Math.Min(200, i - lineStart))}");
            }

            lines++;
            lineStart = i + 1;
        }

        if (lineStart != output.Length)
        {
            throw new FuzzFindingException("response output ends without a newline");
        }

        if (lines < session.Requests)
        {
            throw new FuzzFindingException($"{session.Requests} requests but {lines} responses");
        }

        // Secrets never leave over the serial line.
        string text = Encoding.UTF8.GetString(output);
        if (text.Contains("wifi-placeholder", StringComparison.Ordinal) || text.Contains("broker-placeholder", StringComparison.Ordinal) || text.Contains(Hex.Encode(FuzzFixture.Key), StringComparison.Ordinal))
        {
            throw new FuzzFindingException("a secret was echoed over the serial line");
        }
    }

    private sealed class CapturingSerial : ISerialLine
    {
        public MemoryStream Output { get; } = new();

        public int Read(byte[] buffer, int offset, int count) => 0;

        public void Write(byte[] buffer, int offset, int count) => Output.Write(buffer, offset, count);
    }

    private sealed class FuzzActions : IProvisioningActions
    {
        public string FirmwareVersion => "1.0.0";

        public string Board => "esp32-devkitc";

        public string State => "provisioning";

        public void Reboot()
        {
        }

        public bool FactoryReset() => true;

        public bool WriteLiveValues(JsonWriter w)
        {
            w.BeginObject();
            w.Name("temp");
            w.Float(41.5f);
            w.EndObject();
            return true;
        }

        public int TestBroker(NodeConfig config, out string detail)
        {
            detail = "connack 5";
            return ResultCode.Failed;
        }

        public void ConfigCommitted(NodeConfig config)
        {
        }
    }
}

/// <summary>
/// The host side: the SDK's PayloadDecoder (the core decoders behind it) for every message a consumer receives.
/// Byte 0 picks the message kind. Only PayloadDecodeException may escape. An accepted telemetry record must
/// survive a re-encode/decode round trip with the same sequence number.
/// </summary>
public sealed class DecoderHarness : IHarness
{
    private readonly JsonWriter _w = new(new byte[ProtocolDecoder.MaxPayloadBytes]);

    public string Name => "decoder";

    public void Run(byte[] input, int length)
    {
        if (length == 0)
        {
            return;
        }

        var payload = new ReadOnlySequence<byte>(input, 1, length - 1);
        try
        {
            switch (input[0] % 8)
            {
                case 0:
                    RoundTrip(PayloadDecoder.Telemetry(payload));
                    break;
                case 1:
                    PayloadDecoder.Birth(payload);
                    break;
                case 2:
                    PayloadDecoder.Health(payload);
                    break;
                case 3:
                    PayloadDecoder.Status(payload);
                    break;
                case 4:
                    PayloadDecoder.Alarm(payload);
                    break;
                case 5:
                    PayloadDecoder.ConfigAck(payload);
                    break;
                case 6:
                    PayloadDecoder.CommandAck(payload);
                    break;
                default:
                    PayloadDecoder.Spectrum(payload);
                    break;
            }
        }
        catch (PayloadDecodeException e)
        {
            FuzzFixture.Known(e.Code, "PayloadDecoder");
        }
    }

    private void RoundTrip(MeasurementRecord r)
    {
        _w.Restart();
        if (!ProtocolEncoder.Telemetry(_w, r))
        {
            throw new FuzzFindingException("a decoded telemetry record does not encode again");
        }

        var back = new MeasurementRecord();
        int result = ProtocolDecoder.Telemetry(_w.Buffer, _w.Offset, _w.Length, back, new FieldErrors());
        if (result != ResultCode.Ok || back.Sequence != r.Sequence || back.TimestampUnixMs != r.TimestampUnixMs || back.Historical != r.Historical)
        {
            throw new FuzzFindingException($"telemetry round trip differs: {ResultCode.Name(result)}");
        }
    }
}

/// <summary>In-memory blob store for the harnesses (no torn writes here: the fuzzer attacks parsing, not storage).</summary>
public sealed class MemoryBlobs : IBlobStore
{
    private readonly Dictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);

    public int Read(string name, byte[] buffer)
    {
        if (!_blobs.TryGetValue(name, out byte[]? data) || data.Length > buffer.Length)
        {
            return -1;
        }

        Array.Copy(data, buffer, data.Length);
        return data.Length;
    }

    public bool Write(string name, byte[] data, int length)
    {
        var copy = new byte[length];
        Array.Copy(data, copy, length);
        _blobs[name] = copy;
        return true;
    }

    public bool Delete(string name) => _blobs.Remove(name) || true;
}
