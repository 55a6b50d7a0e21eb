using System.Buffers;
using System.Runtime.InteropServices;
using SensorNode.Core.Features;
using SensorNode.Core.Protocol;

namespace SensorNode.Sdk.Protocol;

/// <summary>
/// The SDK's door to the firmware core's <see cref="ProtocolDecoder"/>: MQTT payloads in, core data classes out,
/// failures as <see cref="PayloadDecodeException"/> with the core's result code and field errors. No decoding
/// logic lives here; node and host share the one definition in the core.
/// </summary>
public static class PayloadDecoder
{
    private delegate int Decode<T>(byte[] payload, int offset, int length, T target, FieldErrors errors);

    public static MeasurementRecord Telemetry(ReadOnlySequence<byte> payload) => Run(payload, new MeasurementRecord(), ProtocolDecoder.Telemetry, "telemetry");

    public static AlarmEvent Alarm(ReadOnlySequence<byte> payload) => Run(payload, new AlarmEvent(), ProtocolDecoder.Alarm, "alarm");

    public static HealthSnapshot Health(ReadOnlySequence<byte> payload) => Run(payload, new HealthSnapshot(), ProtocolDecoder.Health, "health");

    public static StatusMessage Status(ReadOnlySequence<byte> payload) => Run(payload, new StatusMessage(), ProtocolDecoder.Status, "status");

    public static BirthInfo Birth(ReadOnlySequence<byte> payload) => Run(payload, new BirthInfo(), ProtocolDecoder.Birth, "birth");

    public static ConfigAck ConfigAck(ReadOnlySequence<byte> payload) => Run(payload, new ConfigAck(), ProtocolDecoder.ConfigAck, "config ack");

    public static CommandAck CommandAck(ReadOnlySequence<byte> payload) => Run(payload, new CommandAck(), ProtocolDecoder.CommandAck, "command ack");

    public static SpectrumChunk Spectrum(ReadOnlySequence<byte> payload) => Run(payload, new SpectrumChunk(), ProtocolDecoder.Spectrum, "spectrum");

    private static T Run<T>(ReadOnlySequence<byte> payload, T target, Decode<T> decode, string what)
    {
        if (payload.Length > ProtocolDecoder.MaxPayloadBytes)
            throw new PayloadDecodeException(what, ResultCode.JsonTooLarge, $"{payload.Length} bytes exceed the {ProtocolDecoder.MaxPayloadBytes}-byte limit");
        byte[] array;
        int offset, length;
        if (payload.IsSingleSegment && MemoryMarshal.TryGetArray(payload.First, out var segment))
        {
            array = segment.Array!;
            offset = segment.Offset;
            length = segment.Count;
        }
        else
        {
            array = payload.ToArray();
            offset = 0;
            length = array.Length;
        }
        var errors = new FieldErrors();
        int result = decode(array, offset, length, target, errors);
        if (result != ResultCode.Ok) throw new PayloadDecodeException(what, result, Describe(errors));
        return target;
    }

    internal static string Describe(FieldErrors errors)
    {
        if (errors.Count == 0) return string.Empty;
        var parts = new List<string>(errors.Count);
        for (int i = 0; i < errors.Count; i++)
            parts.Add($"{errors[i].Path}: {ResultCode.Name(errors[i].Code)}{(string.IsNullOrEmpty(errors[i].Message) ? "" : " (" + errors[i].Message + ")")}");
        if (errors.Total > errors.Count) parts.Add($"... {errors.Total - errors.Count} more");
        return string.Join("; ", parts);
    }
}

/// <summary>A payload the core's decoder rejected: <see cref="Code"/> is the core's result code.</summary>
public sealed class PayloadDecodeException : Exception
{
    public PayloadDecodeException(string what, int code, string details)
        : base($"Invalid {what} payload: {ResultCode.Name(code)}{(details.Length > 0 ? " — " + details : "")}")
    {
        Code = code;
    }

    public int Code { get; }
}
