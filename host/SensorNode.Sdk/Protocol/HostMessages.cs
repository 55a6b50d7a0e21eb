using System.Text;
using SensorNode.Core.Config;
using SensorNode.Core.Json;
using SensorNode.Core.Protocol;
using SensorNode.Core.Security;

namespace SensorNode.Sdk.Protocol;

/// <summary>A command for a node. Names and arguments are the core's (<see cref="Command"/>).</summary>
public sealed record NodeCommand(int Kind, string? Axis = null, string? SpectrumKind = null, float? MaxHz = null, int? Seconds = null, int? Windows = null)
{
    public string Name => Command.Names[Kind];

    public static NodeCommand Rebirth() => new(Command.Rebirth);
    public static NodeCommand Identify(int seconds = 10) => new(Command.Identify, Seconds: seconds);
    public static NodeCommand Reboot() => new(Command.Reboot);
    public static NodeCommand BaselineStart(int windows = 0) => new(Command.BaselineStart, Windows: windows);
    public static NodeCommand BaselineStop() => new(Command.BaselineStop);
    public static NodeCommand ClearAlarms() => new(Command.ClearAlarms);

    /// <summary>Spectrum snapshot of one axis ("x", "y", "z"); kind "accel", "velocity" or "envelope"; maxHz 0 = Nyquist.</summary>
    public static NodeCommand Spectrum(string axis = "x", string kind = Command.SpectrumAccel, float maxHz = 0) =>
        new(Command.Spectrum, Axis: axis, SpectrumKind: kind, MaxHz: maxHz);

    /// <summary>Parses a command name as the CLI takes it ("rebirth", "baseline_start" ...).</summary>
    public static NodeCommand Parse(string name)
    {
        int kind = Command.KindOf(name);
        if (kind == Command.None)
            throw new ArgumentException($"Unknown command '{name}'. Known: {string.Join(", ", Command.Names.Where(n => n != null))}.");
        return new NodeCommand(kind);
    }
}

/// <summary>
/// Builds the signed host → node payloads (desired config and commands) with the firmware core's JSON writer,
/// config codec and <see cref="MessageSigner"/>, so the node's parser and signature check read exactly what is
/// written here.
/// </summary>
public static class HostMessages
{
    private const int BufferSize = ConfigCodec.MaxDocumentBytes + 256;

    /// <summary>Desired config carrying the whole config in redacted form: secrets (Wi-Fi and broker passwords,
    /// command key, CA) are never sent over MQTT this way; the node keeps the ones it has.</summary>
    public static byte[] DesiredConfig(byte[] key, string topic, long counter, NodeConfig config)
    {
        var writer = new JsonWriter(new byte[BufferSize]);
        writer.BeginObject();
        writer.Prop("ctr", counter);
        writer.Name("config");
        ConfigCodec.Write(writer, config, ConfigCodec.ModeRedacted);
        writer.EndObject();
        return Sign(key, topic, writer, "desired config");
    }

    /// <summary>Desired config carrying a partial config object (only the members to change), e.g.
    /// <c>{"report":{"intervalS":30}}</c>. The node merges it into its config and validates the result.</summary>
    public static byte[] DesiredPartialConfig(byte[] key, string topic, long counter, string partialConfigJson)
    {
        byte[] json = Encoding.UTF8.GetBytes(partialConfigJson);
        var parser = ConfigCodec.NewParser();
        var root = parser.Parse(json, 0, json.Length);
        if (root == null)
            throw new ArgumentException($"The config is not valid JSON: {JsonError.Name(parser.Error)} at byte {parser.ErrorPosition}.", nameof(partialConfigJson));
        if (!root.IsObject || root.Count == 0)
            throw new ArgumentException("The config must be a JSON object with at least one member.", nameof(partialConfigJson));
        var writer = new JsonWriter(new byte[BufferSize]);
        writer.BeginObject();
        writer.Prop("ctr", counter);
        writer.Name("config");
        writer.RawValue(json, root.Start, root.End - root.Start);
        writer.EndObject();
        return Sign(key, topic, writer, "desired config");
    }

    /// <summary>A signed command: <c>{"id":..,"cmd":..,"ctr":..,"args":{..},"sig":..}</c>.</summary>
    public static byte[] Command(byte[] key, string topic, long counter, string id, NodeCommand command)
    {
        if (!Topics.IsValidSegment(id)) throw new ArgumentException($"Command id '{id}' must be 1-32 of A-Z a-z 0-9 - _.", nameof(id));
        var writer = new JsonWriter(new byte[1024]);
        writer.BeginObject();
        writer.Prop("id", id);
        writer.Prop("cmd", command.Name);
        writer.Prop("ctr", counter);
        bool args = command.Axis != null || command.SpectrumKind != null || command.MaxHz is > 0 || command.Seconds != null || command.Windows != null;
        if (args)
        {
            writer.Name("args");
            writer.BeginObject();
            if (command.Axis != null) writer.Prop("axis", command.Axis);
            if (command.SpectrumKind != null) writer.Prop("kind", command.SpectrumKind);
            if (command.MaxHz is float maxHz && maxHz > 0) writer.Prop("maxHz", maxHz);
            if (command.Seconds is int seconds) writer.Prop("seconds", seconds);
            if (command.Windows is int windows) writer.Prop("windows", windows);
            writer.EndObject();
        }
        writer.EndObject();
        return Sign(key, topic, writer, "command");
    }

    private static byte[] Sign(byte[] key, string topic, JsonWriter writer, string what)
    {
        if (!writer.IsComplete) throw new InvalidOperationException($"The {what} does not fit the {writer.Buffer.Length}-byte message buffer.");
        var unsigned = new byte[writer.Length];
        Array.Copy(writer.Buffer, writer.Offset, unsigned, 0, writer.Length);
        return MessageSigner.Sign(key, topic, unsigned);
    }
}
